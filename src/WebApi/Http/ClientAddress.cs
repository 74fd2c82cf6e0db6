namespace FastApiLearning.WebApi.Http;

public static class ClientAddress
{
    /// <summary>
    /// The client's IP, for throttling and the security log: the connection's peer, or, behind a
    /// configured trusted proxy (<see cref="ProxyOptions"/>), the address it forwarded. An IPv4
    /// client on a dual-stack socket (<c>::ffff:a.b.c.d</c>) is given as plain IPv4.
    /// </summary>
    public static string? Of(HttpContext httpContext) =>
        httpContext.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;
}
