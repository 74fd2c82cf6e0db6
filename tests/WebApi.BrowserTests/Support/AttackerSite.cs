using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.BrowserTests.Support;

/// <summary>
/// Somebody else's web server: a second Kestrel on a free port of 127.0.0.1 with one page (no CSP)
/// whose script makes each visitor's browser post <see cref="Attempts"/> wrong passwords for
/// <see cref="SampleUsers.Behai"/> to the service named in its <c>?service=</c> query. The posts are
/// <c>no-cors</c>, so the browser sends them without a preflight. The page's title becomes
/// <c>done</c> once every post has been answered, or <c>failed: …</c> if the browser did not send one.
/// </summary>
public sealed class AttackerSite : IAsyncDisposable
{
    public const int Attempts = 10;

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Free prizes</title></head>
        <body>
        <p>Nothing to see here.</p>
        <script>
        const service = new URLSearchParams(location.search).get('service');
        Promise.all(Array.from({ length: 10 }, (_, i) => fetch(service + '/token', {
            mode: 'no-cors',
            method: 'POST',
            headers: { Accept: 'application/json' },
            body: new URLSearchParams({ username: 'behai_nguyen@hotmail.com', password: 'wrong-' + i }),
        }))).then(() => { document.title = 'done'; }, error => { document.title = 'failed: ' + error; });
        </script>
        </body>
        </html>
        """;

    private readonly WebApplication _server;

    private AttackerSite(WebApplication server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public static async Task<AttackerSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var server = builder.Build();
        server.MapGet("/", () => Results.Content(Html, "text/html; charset=utf-8"));
        await server.StartAsync();

        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
            ?? throw new InvalidOperationException("Kestrel reports no address.");
        return new AttackerSite(server, new Uri(address).Port);
    }

    /// <summary>The site's origin when the browser reaches it by <paramref name="host"/> (it listens on 127.0.0.1).</summary>
    public string Origin(string host) => $"http://{host}:{Port}";

    /// <summary>The page, reached by <paramref name="host"/>, posting to <paramref name="service"/>.</summary>
    public string PageUrl(string host, KestrelApp service) => $"{Origin(host)}/?service={Uri.EscapeDataString(service.Origin)}";

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
