using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.RedisTests.Support;

/// <summary>One instance of the service, as a deployment would run several: same Redis, same signing key.</summary>
/// <param name="logs">When given, receives the app's log events besides its own providers.</param>
/// <param name="testServices">When given, changes the app's services after its own registrations.</param>
public sealed class AppInstance(
    string redisConnectionString,
    string keyPrefix,
    string signingKey,
    ILoggerProvider? logs = null,
    Action<IServiceCollection>? testServices = null)
    : WebApplicationFactory<Program>
{
    public const string Behai = "behai_nguyen@hotmail.com";
    public const string Password = "password";

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jwt:SigningKey", signingKey);
        // Outside Development the issuer must be configured; every instance names the same one.
        builder.UseSetting("Jwt:Issuer", "http://localhost");
        builder.UseSetting("ConnectionStrings:Redis", redisConnectionString);
        builder.UseSetting("Redis:KeyPrefix", keyPrefix);
        builder.UseSetting("Redis:Timeout", "00:00:02");
        // Each instance with the sample users in memory, as before the database: these tests are about Redis.
        builder.UseSetting("Database:Provider", "Fake");
        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }

        builder.ConfigureTestServices(services =>
        {
            // Instances in one test process would otherwise share the user profile's key directory,
            // which instances on hosts of their own do not: only the app's shared key ring may join them.
            services.PostConfigure<KeyManagementOptions>(options => options.XmlRepository ??= new OwnKeyRing());
            testServices?.Invoke(services);
        });
    }

    public HttpClient Client()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // A guard against a hang, not a timing assertion: the service must answer well within it.
        client.Timeout = TimeSpan.FromSeconds(15);
        return client;
    }

    /// <summary>
    /// A browser's requests, asking for HTML, without a cookie jar: a test carries the cookies itself,
    /// as a browser carries them from one instance to another behind a load balancer.
    /// </summary>
    public HttpClient BrowserClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Accept.ParseAdd(Browser.Accept);
        client.Timeout = TimeSpan.FromSeconds(15);
        return client;
    }

    public static FormUrlEncodedContent Login(string username, string password) =>
        new(new Dictionary<string, string> { ["username"] = username, ["password"] = password });

    public static async Task<string> TokenAsync(HttpClient client, string username = Behai)
    {
        using var response = await client.PostAsync("/token", Login(username, Password));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        return body?["access_token"].ToString() ?? throw new InvalidOperationException("No access_token.");
    }

    public static HttpRequestMessage Get(string path, string token) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", token) } };

    public static HttpRequestMessage Post(string path, string token) =>
        new(HttpMethod.Post, path) { Headers = { Authorization = new("Bearer", token) } };
}
