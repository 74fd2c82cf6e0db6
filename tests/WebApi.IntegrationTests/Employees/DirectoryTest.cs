using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Employees;

/// <summary>
/// One app (and database) for a test class of the directory API, with real tokens from <c>POST /token</c> for the
/// sample users, asked for with a given scope (null: all they hold), each fetched once.
/// </summary>
public abstract class DirectoryTest
{
    public const string InsufficientScopeBody = """{"detail":"Not enough permissions"}""";

    private readonly Dictionary<(string, string?), string> _tokens = [];
    private ApiFactory _factory = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = new ApiFactory();
        Client = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        Client.Dispose();
        _factory.Dispose();
    }

    protected async Task<string> TokenAsync(string email, string? scope = null, string password = SampleEmployees.Password)
    {
        if (_tokens.TryGetValue((email, scope), out var cached))
        {
            return cached;
        }

        var fields = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = email, ["password"] = password };
        if (scope is not null)
        {
            fields["scope"] = scope;
        }

        using var response = await Client.PostAsync("/token", new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        var token = json.RootElement.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("No access_token.");
        _tokens[(email, scope)] = token;
        return token;
    }

    /// <param name="as">The sample user whose token goes along; null sends none.</param>
    /// <param name="body">Sent as JSON (a string is sent as it is).</param>
    protected async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? @as, object? body = null, string? ifMatch = null, string? scope = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (@as is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(@as, scope));
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request);
    }

    /// <summary>The record as GET shows it (with Mary's token), and its ETag.</summary>
    protected async Task<(JsonObject Record, string ETag)> ReadAsync(int empNo)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/employees/{empNo}", DirectoryUsers.Mary);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var record = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (record, response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag."));
    }

    /// <summary>The record's editable fields, as PUT takes them, with <paramref name="change"/> applied.</summary>
    protected static JsonObject Editable(JsonObject record, Action<JsonObject>? change = null)
    {
        var body = new JsonObject();
        foreach (var field in new[] { "email", "first_name", "last_name", "gender", "birth_date", "hire_date" })
        {
            body[field] = record[field]?.DeepClone();
        }

        change?.Invoke(body);
        return body;
    }

    protected static async Task AssertInsufficientScopeAsync(HttpResponseMessage response, string scope)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Responses.Header(response, "WWW-Authenticate"), Is.EqualTo($"Bearer error=\"insufficient_scope\", scope=\"{scope}\""));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(InsufficientScopeBody));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(Responses.Header(response, "Cache-Control"), Is.EqualTo("no-store"));
    }

    protected static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public const string NewPassword = "correct horse battery staple";

    protected static JsonObject NewEmployee(string email, string password = NewPassword) => new()
    {
        ["email"] = email,
        ["first_name"] = "Ada",
        ["last_name"] = "Lovelace",
        ["gender"] = "F",
        ["birth_date"] = "1985-12-10",
        ["hire_date"] = "2024-01-15",
        ["password"] = password,
    };
}
