using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>
/// Sets the connection's remote IP, which TestServer leaves null, before the app sees the request:
/// the <see cref="Header"/> header's value, else <see cref="Default"/>. Documentation addresses only.
/// </summary>
public sealed class TestClientIp : IStartupFilter
{
    public const string Header = "X-Test-Client-Ip";
    public const string Default = "192.0.2.1";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
        {
            var ip = context.Request.Headers[Header].ToString();
            context.Connection.RemoteIpAddress = IPAddress.Parse(ip.Length > 0 ? ip : Default);
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>The API client's login form, sent from <paramref name="ip"/>.</summary>
    public static HttpRequestMessage Login(string ip, string username, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = Forms.Login(username, password) };
        request.Headers.Add(Header, ip);
        return request;
    }
}
