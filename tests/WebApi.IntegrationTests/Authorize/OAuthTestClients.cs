using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FastApiLearning.Application.Auth.Authorize;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace FastApiLearning.WebApi.IntegrationTests.Authorize;

/// <summary>The clients the authorization tests register (<c>OAuth:Clients</c>) and the steps of their flow.</summary>
public static class OAuthTestClients
{
    /// <summary>The issuer: a URL (the factory's origin), as every authorization response's <c>iss</c> names it.</summary>
    public const string Issuer = "http://localhost";

    /// <summary>Not ours: its users see the consent page. Public (no secret).</summary>
    public const string ThirdParty = "third-party";
    public const string ThirdPartyName = "Third Party Reports";
    public const string ThirdPartyRedirect = "https://client.example/callback";
    public const string ThirdPartyOrigin = "https://client.example";

    /// <summary>Ours, public, with a query in its redirect URI (the code is appended with <c>&amp;</c>).</summary>
    public const string FirstParty = "first-party";
    public const string FirstPartyRedirect = "https://first.example/cb?tenant=1";

    /// <summary>Ours, confidential: it authenticates with its secret.</summary>
    public const string Confidential = "confidential";
    public const string ConfidentialSecret = "s3cret-of-the-confidential-client";
    public const string ConfidentialRedirect = "https://conf.example/cb";

    public static IWebHostBuilder UseTestClients(this IWebHostBuilder builder) =>
        builder.UseSettings(
            ("Jwt:Issuer", Issuer),
            ("OAuth:Clients:0:ClientId", ThirdParty),
            ("OAuth:Clients:0:DisplayName", ThirdPartyName),
            ("OAuth:Clients:0:RedirectUris:0", ThirdPartyRedirect),
            ("OAuth:Clients:0:AllowedScopes:0", "user:read"),
            ("OAuth:Clients:0:AllowedScopes:1", "admin:read"),
            ("OAuth:Clients:1:ClientId", FirstParty),
            ("OAuth:Clients:1:FirstParty", "true"),
            ("OAuth:Clients:1:RedirectUris:0", FirstPartyRedirect),
            ("OAuth:Clients:1:AllowedScopes:0", "super:*"),
            ("OAuth:Clients:2:ClientId", Confidential),
            ("OAuth:Clients:2:Secret", ConfidentialSecret),
            ("OAuth:Clients:2:FirstParty", "true"),
            ("OAuth:Clients:2:RedirectUris:0", ConfidentialRedirect),
            ("OAuth:Clients:2:AllowedScopes:0", "user:read"));

    /// <summary>A fresh PKCE pair (RFC 7636 §4.1, §4.2).</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (verifier, Pkce.ChallengeOf(verifier));
    }

    /// <summary>An authorization request's path; a null value leaves the parameter out.</summary>
    public static string AuthorizePath(
        string? clientId = FirstParty,
        string? redirectUri = FirstPartyRedirect,
        string? challenge = null,
        string? state = "xyz",
        string? scope = null,
        string? method = "S256",
        string? responseType = "code")
    {
        var parameters = new (string Name, string? Value)[]
        {
            ("response_type", responseType), ("client_id", clientId), ("redirect_uri", redirectUri), ("scope", scope),
            ("state", state), ("code_challenge", challenge ?? NewPkce().Challenge), ("code_challenge_method", method),
        };
        return "/authorize?" + string.Join('&', parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
    }

    /// <summary>The query parameters of a redirect's Location (after the redirect URI's own).</summary>
    public static Dictionary<string, string> LocationQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.ToString() ?? throw new InvalidOperationException($"No Location ({(int)response.StatusCode}).");
        var query = location.Contains('?', StringComparison.Ordinal) ? location[location.IndexOf('?', StringComparison.Ordinal)..] : "";
        return QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>Logs the browser in, then asks for a code; returns the code from the redirect.</summary>
    public static async Task<string> GetCodeAsync(BrowserClient browser, string challenge, string clientId = FirstParty, string redirectUri = FirstPartyRedirect)
    {
        using var response = await browser.Http.GetAsync(AuthorizePath(clientId, redirectUri, challenge));
        if (response.StatusCode != HttpStatusCode.SeeOther || !LocationQuery(response).TryGetValue("code", out var code))
        {
            throw new InvalidOperationException($"/authorize answered {(int)response.StatusCode} {response.Headers.Location} without a code.");
        }

        return code;
    }

    public static FormUrlEncodedContent CodeGrant(string code, string? verifier, string? clientId = FirstParty, string redirectUri = FirstPartyRedirect, string? secret = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }

        if (clientId is not null)
        {
            fields["client_id"] = clientId;
        }

        if (secret is not null)
        {
            fields["client_secret"] = secret;
        }

        return new FormUrlEncodedContent(fields);
    }

    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
