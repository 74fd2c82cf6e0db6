using System.Net;
using System.Text.RegularExpressions;

namespace FastApiLearning.WebApi.RedisTests.Support;

/// <summary>
/// What a browser sends and keeps, written out: its requests carry the cookies a test gives them
/// (<c>name=value</c>), and the test reads the ones a response sets.
/// </summary>
public static partial class Browser
{
    public const string Accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    public const string AntiforgeryCookie = "fal_antiforgery";
    public const string DeviceCookie = "fal_device";
    public const string SessionCookie = "fal_session";

    /// <summary>Opens a page and returns its form's antiforgery token and the cookie that goes with it.</summary>
    public static async Task<PageForm> OpenAsync(HttpClient browser, string path, params string[] cookies)
    {
        using var response = await browser.SendAsync(WithCookies(new HttpRequestMessage(HttpMethod.Get, path), cookies));
        response.EnsureSuccessStatusCode();
        var match = AntiforgeryField().Match(await response.Content.ReadAsStringAsync());
        if (!match.Success)
        {
            throw new InvalidOperationException($"{path} has no antiforgery field.");
        }

        return new PageForm(SetCookie(response, AntiforgeryCookie), WebUtility.HtmlDecode(match.Groups["token"].Value));
    }

    /// <summary>The login form as the page submits it, with the page's antiforgery token and cookie.</summary>
    public static HttpRequestMessage Login(PageForm form, string username, string password, params string[] cookies) =>
        Post("/token", form, cookies, new() { ["grant_type"] = "password", ["username"] = username, ["password"] = password });

    /// <summary>The logout button of the home page.</summary>
    public static HttpRequestMessage Logout(PageForm form, params string[] cookies) => Post("/logout", form, cookies, []);

    /// <summary>The cookie a response sets, as <c>name=value</c>; <c>null</c> if it sets none of that name.</summary>
    public static string? FindSetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            && values.FirstOrDefault(value => value.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie.Split(';')[0]
            : null;

    public static string SetCookie(HttpResponseMessage response, string name) =>
        FindSetCookie(response, name) ?? throw new InvalidOperationException($"The response sets no {name} cookie.");

    private static HttpRequestMessage Post(string path, PageForm form, string[] cookies, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = form.Token;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        return WithCookies(request, [form.Cookie, .. cookies]);
    }

    private static HttpRequestMessage WithCookies(HttpRequestMessage request, string[] cookies)
    {
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies));
        }

        return request;
    }

    [GeneratedRegex("""name="__RequestVerificationToken" value="(?<token>[^"]+)"?""")]
    private static partial Regex AntiforgeryField();
}

/// <summary>A page's form: the antiforgery cookie (<c>name=value</c>) and the token of its hidden field.</summary>
public sealed record PageForm(string Cookie, string Token);
