using FastApiLearning.Application.Auth;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// The browser session: the access token itself, in a cookie scripts cannot read and other sites
/// cannot make the browser send. Under HTTPS it carries the <c>__Host-</c> prefix, which pins it
/// to this host and path.
/// </summary>
public static class SessionCookie
{
    public const string Name = "fal_session";
    public const string SecureName = "__Host-" + Name;

    public static string? Read(HttpRequest request) => request.Cookies[NameFor(request)];

    public static bool IsPresent(HttpRequest request) => request.Cookies.ContainsKey(NameFor(request));

    public static void Append(HttpResponse response, AccessToken token) =>
        response.Cookies.Append(NameFor(response.HttpContext.Request), token.Value, Options(response, token.ExpiresAt));

    public static void Delete(HttpResponse response) =>
        response.Cookies.Delete(NameFor(response.HttpContext.Request), Options(response, expires: null));

    /// <summary>Ends the browser session: the cookie goes, and the browser to the login page with a notice.</summary>
    /// <param name="notice">A code <see cref="Pages.LoginPage.NoticeFor"/> knows (<c>expired</c>, <c>logged-out</c>).</param>
    public static IResult End(HttpResponse response, string notice)
    {
        Delete(response);
        return Pages.PageResults.SeeOther("/login?notice=" + notice);
    }

    private static string NameFor(HttpRequest request) => request.IsHttps ? SecureName : Name;

    private static CookieOptions Options(HttpResponse response, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = response.HttpContext.Request.IsHttps,
        Expires = expires,
        IsEssential = true,
    };
}
