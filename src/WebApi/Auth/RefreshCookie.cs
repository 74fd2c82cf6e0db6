namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// The browser session's refresh token, beside its access token (<see cref="SessionCookie"/>), with the same
/// protections: scripts cannot read it, other sites cannot make the browser send it, and under HTTPS the
/// <c>__Host-</c> prefix pins it to this host. Only the server reads it (<see cref="BrowserSession"/>).
/// </summary>
public static class RefreshCookie
{
    public const string Name = "fal_refresh";
    public const string SecureName = "__Host-" + Name;

    public static string? Read(HttpRequest request) => request.Cookies[NameFor(request)];

    public static bool IsPresent(HttpRequest request) => request.Cookies.ContainsKey(NameFor(request));

    /// <param name="expires">The refresh token's own expiry: the browser forgets it when the server would refuse it.</param>
    public static void Append(HttpResponse response, string refreshToken, DateTimeOffset expires) =>
        response.Cookies.Append(NameFor(response.HttpContext.Request), refreshToken, SessionCookie.Options(response, expires == default ? null : expires));

    public static void Delete(HttpResponse response) =>
        response.Cookies.Delete(NameFor(response.HttpContext.Request), SessionCookie.Options(response, expires: null));

    private static string NameFor(HttpRequest request) => request.IsHttps ? SecureName : Name;
}
