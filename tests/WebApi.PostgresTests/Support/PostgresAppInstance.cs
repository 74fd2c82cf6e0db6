using System.Security.Cryptography;
using FastApiLearning.TestSupport.Employees;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.PostgresTests.Support;

/// <summary>
/// One instance of the service on PostgreSQL, as a deployment runs several: the settings of
/// <see cref="Settings"/> (the same ones a management command gets), migrated and seeded at start.
/// </summary>
public sealed class PostgresAppInstance(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary><c>Database:Timeout</c>: the bound on any database call before the answer is a 503.</summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(2);

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The configuration of an instance, and of a command run beside it.</summary>
    /// <param name="redis">The tests' redis-server, when the instances share their state through it.</param>
    public static Dictionary<string, string?> Settings(
        string employeesConnectionString, string signingKey, string? redis = null, string? redisKeyPrefix = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = signingKey,
            ["Jwt:Issuer"] = "http://localhost",
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Employees"] = employeesConnectionString,
            ["Database:Timeout"] = DatabaseTimeout.ToString(),
            // The sample users (Testing is not Development, so they are asked for).
            ["Database:SeedSampleUsers"] = "true",
        };
        if (redis is not null)
        {
            settings["ConnectionStrings:Redis"] = redis;
            settings["Redis:KeyPrefix"] = redisKeyPrefix;
            settings["Redis:Timeout"] = "00:00:02";
        }

        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
            // Instances in one test process would otherwise share the user profile's key directory,
            // which instances on hosts of their own do not: only the app's shared key ring may join them.
            services.PostConfigure<KeyManagementOptions>(options => options.XmlRepository ??= new OwnKeyRing()));
    }

    public HttpClient Client()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // A guard against a hang, not a timing assertion.
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    public static FormUrlEncodedContent Login(string username, string password = SampleEmployees.Password) =>
        new(new Dictionary<string, string> { ["username"] = username, ["password"] = password });

    public static async Task<string> TokenAsync(HttpClient client, string username = SampleEmployees.BehaiEmail, string password = SampleEmployees.Password)
    {
        using var response = await client.PostAsync("/token", Login(username, password));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /token for {username}: {(int)response.StatusCode} {body}");
        }

        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("No access_token.");
    }

    public static HttpRequestMessage Get(string path, string token) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", token) } };
}
