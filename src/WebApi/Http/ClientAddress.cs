namespace FastApiLearning.WebApi.Http;

public static class ClientAddress
{
    /// <summary>
    /// The peer's IP, for throttling and the security log. Behind a reverse proxy, configure
    /// ASP.NET Core's forwarded headers so this is the client's and not the proxy's.
    /// </summary>
    public static string? Of(HttpContext httpContext) => httpContext.Connection.RemoteIpAddress?.ToString();
}
