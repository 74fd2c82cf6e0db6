using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.BrowserTests.Support;

/// <summary>
/// Somebody else's web server (a second Kestrel on a free port of 127.0.0.1) with one page: a form whose
/// fields are filled in by its author and whose action is a page of the service. Its visitor only has to
/// press the button; no script is needed for a form post to another site.
/// </summary>
public sealed class ForgedFormSite : IAsyncDisposable
{
    public const string Button = "Claim your prize";

    private readonly WebApplication _server;

    private ForgedFormSite(WebApplication server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <param name="action">The service's URL the form posts to.</param>
    /// <param name="fields">The hidden fields it sends.</param>
    public static async Task<ForgedFormSite> StartAsync(string action, IReadOnlyDictionary<string, string> fields)
    {
        var encoder = HtmlEncoder.Default;
        var inputs = string.Concat(fields.Select(field =>
            $"""<input type="hidden" name="{encoder.Encode(field.Key)}" value="{encoder.Encode(field.Value)}">"""));
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Free prizes</title></head>
            <body><form method="post" action="{encoder.Encode(action)}">{inputs}<button type="submit">{Button}</button></form></body>
            </html>
            """;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var server = builder.Build();
        server.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
        await server.StartAsync();

        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
            ?? throw new InvalidOperationException("Kestrel reports no address.");
        return new ForgedFormSite(server, new Uri(address).Port);
    }

    /// <summary>The page when the browser reaches it by <paramref name="host"/> (it listens on 127.0.0.1).</summary>
    public string PageUrl(string host) => $"http://{host}:{Port}/";

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
