using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>An HttpClient that behaves like a browser: asks for HTML, keeps cookies, does not follow redirects.</summary>
public sealed partial class BrowserClient : IDisposable
{
    private BrowserClient(HttpClient client) => Http = client;

    public HttpClient Http { get; }

    public static BrowserClient For(ApiFactory factory, string baseAddress = "http://localhost")
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return new BrowserClient(client);
    }

    /// <summary>Opens a page and returns its HTML and the antiforgery token of its form.</summary>
    public async Task<(string Html, string? Antiforgery)> GetPageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var match = AntiforgeryField().Match(html);
        return (html, match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups["token"].Value) : null);
    }

    /// <summary>Fills and submits the login form as the page would.</summary>
    public async Task<HttpResponseMessage> SubmitLoginAsync(string username, string password, bool withAntiforgery = true)
    {
        var (_, token) = await GetPageAsync("/login");
        var fields = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = password };
        if (withAntiforgery && token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await Http.PostAsync("/token", new FormUrlEncodedContent(fields));
    }

    /// <summary>Logs in through the page and returns the session cookie's token.</summary>
    public async Task<string> LogInAsync(string username = Forms.Behai)
    {
        using var response = await SubmitLoginAsync(username, Forms.Password);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(value => value.StartsWith("fal_session=", StringComparison.Ordinal))
            : null;
        if ((int)response.StatusCode != 303 || cookie is null)
        {
            throw new InvalidOperationException($"Login answered {(int)response.StatusCode} without a session cookie.");
        }

        return cookie["fal_session=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    public async Task<HttpResponseMessage> SubmitLogoutAsync(bool withAntiforgery = true)
    {
        var (_, token) = await GetPageAsync("/");
        var fields = new Dictionary<string, string>();
        if (withAntiforgery && token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await Http.PostAsync("/logout", new FormUrlEncodedContent(fields));
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken" value="(?<token>[^"]+)"?""")]
    private static partial Regex AntiforgeryField();
}
