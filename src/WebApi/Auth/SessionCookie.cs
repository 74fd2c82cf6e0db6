using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Sessions;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// The browser session: the access token itself, in a cookie scripts cannot read and other sites
/// cannot make the browser send, and the refresh token beside it (<see cref="RefreshCookie"/>). Under
/// HTTPS both carry the <c>__Host-</c> prefix, which pins them to this host and path.
/// </summary>
public static class SessionCookie
{
    public const string Name = "fal_session";
    public const string SecureName = "__Host-" + Name;

    public static string? Read(HttpRequest request) => request.Cookies[NameFor(request)];

    /// <summary>
    /// The browser holds a session, or held one: either cookie. A session whose access cookie expired lives on
    /// in its refresh cookie (<see cref="BrowserSession"/>), and is as much a cookie-authenticated request.
    /// </summary>
    public static bool IsPresent(HttpRequest request) =>
        request.Cookies.ContainsKey(NameFor(request)) || RefreshCookie.IsPresent(request);

    public static void Append(HttpResponse response, AccessToken token) =>
        response.Cookies.Append(NameFor(response.HttpContext.Request), token.Value, Options(response, token.ExpiresAt));

    /// <summary>A new session (a login) or a rotated one (a refresh): both cookies.</summary>
    public static void Start(HttpResponse response, IssuedTokens tokens)
    {
        Append(response, tokens.Access);
        RefreshCookie.Append(response, tokens.RefreshToken, tokens.RefreshTokenExpiresAt);
    }

    public static void Delete(HttpResponse response)
    {
        response.Cookies.Delete(NameFor(response.HttpContext.Request), Options(response, expires: null));
        RefreshCookie.Delete(response);
    }

    /// <summary>Ends the browser session: the cookies go, and the browser to the login page with a notice.</summary>
    /// <param name="notice">A code <see cref="Pages.LoginPage.NoticeFor"/> knows (<c>expired</c>, <c>logged-out</c>).</param>
    public static IResult End(HttpResponse response, string notice)
    {
        Delete(response);
        return Pages.PageResults.SeeOther("/login?notice=" + notice);
    }

    /// <summary>What both cookies are set with: HttpOnly, SameSite=Strict, Secure under HTTPS, the whole site.</summary>
    internal static CookieOptions Options(HttpResponse response, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = response.HttpContext.Request.IsHttps,
        Expires = expires,
        IsEssential = true,
    };

    private static string NameFor(HttpRequest request) => request.IsHttps ? SecureName : Name;
}
