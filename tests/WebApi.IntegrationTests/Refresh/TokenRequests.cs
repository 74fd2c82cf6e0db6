using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Refresh;

/// <summary>The requests of the refresh, revocation and introspection tests, and the clients their app registers.</summary>
public static class TokenRequests
{
    public const string PublicClient = "spa";
    public const string ConfidentialClient = "resource-server";
    public const string ClientSecret = "resource-server-secret-of-at-least-32-characters";

    /// <summary>A public and a confidential client (<c>OAuth:Clients</c>), as a deployment would register them.</summary>
    public static (string Key, string Value)[] RegisteredClients { get; } =
    [
        ("OAuth:Clients:0:ClientId", PublicClient),
        ("OAuth:Clients:0:RedirectUris:0", "http://spa.example/callback"),
        ("OAuth:Clients:0:AllowedScopes:0", "user:read"),
        ("OAuth:Clients:1:ClientId", ConfidentialClient),
        ("OAuth:Clients:1:Secret", ClientSecret),
        ("OAuth:Clients:1:RedirectUris:0", "http://rs.example/callback"),
        ("OAuth:Clients:1:AllowedScopes:0", "user:read"),
    ];

    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    /// <summary>A password-grant login; the answer's access and refresh tokens.</summary>
    public static async Task<(string Access, string Refresh)> LogInAsync(
        HttpClient client, string username = Forms.Behai, string? scope = null, string? clientId = null, AuthenticationHeaderValue? basic = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = Forms.Password };
        Add(fields, "scope", scope);
        Add(fields, "client_id", clientId);
        using var response = await SendAsync(client, "/token", fields, basic);
        var body = await JsonAsync(response);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login answered {(int)response.StatusCode}: {body}");
        }

        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }

    public static Task<HttpResponseMessage> RefreshAsync(
        HttpClient client, string refreshToken, string? scope = null, string? clientId = null, AuthenticationHeaderValue? basic = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        Add(fields, "scope", scope);
        Add(fields, "client_id", clientId);
        return SendAsync(client, "/token", fields, basic);
    }

    public static Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string path, IReadOnlyDictionary<string, string> fields, AuthenticationHeaderValue? basic = null) =>
        SendAsync(client, path, fields, basic);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HttpStatusCodeAndError> ErrorOfAsync(HttpResponseMessage response)
    {
        var body = await JsonAsync(response);
        return new((int)response.StatusCode, body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) ? error.GetString() : null);
    }

    public static async Task<int> StatusOfMeAsync(HttpClient client, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields, AuthenticationHeaderValue? basic)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = basic;
        return await client.SendAsync(request);
    }

    private static void Add(Dictionary<string, string> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }

    /// <summary>An answer's status and RFC 6749 <c>error</c>, compared in one assertion.</summary>
    public sealed record HttpStatusCodeAndError(int Status, string? Error);
}
