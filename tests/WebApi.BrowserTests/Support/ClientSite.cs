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
/// A registered browser client on another origin: a second Kestrel with one page whose inline script does the
/// authorization-code flow with PKCE against the service named in <c>?service=</c>. It makes the verifier and
/// its S256 challenge (Web Crypto), sends the browser to <c>/authorize</c>; back on <c>/callback</c> it checks
/// the state and redeems the code at <c>/token</c> with <c>fetch</c> (CORS). The page's title becomes
/// <c>token</c> with the answer in <c>#result</c>, or <c>failed: …</c>.
/// </summary>
public sealed class ClientSite : IAsyncDisposable
{
    public const string ClientId = "browser-client";
    public const string Scope = "user:read";

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Client</title></head>
        <body>
        <pre id="result"></pre>
        <script>
        const params = new URLSearchParams(location.search);
        const redirectUri = location.origin + '/callback';
        const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        async function start() {
            const service = params.get('service');
            const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
            const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
            sessionStorage.setItem('flow', JSON.stringify({ service, verifier, state }));
            const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
            location.assign(service + '/authorize?' + new URLSearchParams({
                response_type: 'code', client_id: 'browser-client', redirect_uri: redirectUri, scope: 'user:read',
                state, code_challenge: challenge, code_challenge_method: 'S256',
            }));
        }
        async function finish() {
            const flow = JSON.parse(sessionStorage.getItem('flow'));
            if (params.get('state') !== flow.state) throw new Error('state does not match');
            if (params.get('error')) throw new Error(params.get('error'));
            const response = await fetch(flow.service + '/token', {
                method: 'POST',
                headers: { Accept: 'application/json' },
                body: new URLSearchParams({
                    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri,
                    client_id: 'browser-client', code_verifier: flow.verifier,
                }),
            });
            document.getElementById('result').textContent = JSON.stringify({ status: response.status, iss: params.get('iss'), body: await response.json() });
            document.title = response.ok ? 'token' : 'failed: ' + response.status;
        }
        (location.pathname === '/callback' ? finish() : start()).catch(error => { document.title = 'failed: ' + error; });
        </script>
        </body>
        </html>
        """;

    private readonly WebApplication _server;

    private ClientSite(WebApplication server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Reached as <c>localhost</c> while the service is <c>127.0.0.1</c>: another site, not just another port.</summary>
    public string Origin => $"http://localhost:{Port}";

    public string RedirectUri => Origin + "/callback";

    public static async Task<ClientSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var server = builder.Build();
        server.MapGet("/", () => Results.Content(Html, "text/html; charset=utf-8"));
        server.MapGet("/callback", () => Results.Content(Html, "text/html; charset=utf-8"));
        await server.StartAsync();

        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
            ?? throw new InvalidOperationException("Kestrel reports no address.");
        return new ClientSite(server, new Uri(address).Port);
    }

    /// <summary>The settings that register this site as a (third-party, public) client of the service.</summary>
    public (string Key, string Value)[] Registration() =>
    [
        ("OAuth:Clients:0:ClientId", ClientId),
        ("OAuth:Clients:0:DisplayName", "Test Client Site"),
        ("OAuth:Clients:0:RedirectUris:0", RedirectUri),
        ("OAuth:Clients:0:AllowedScopes:0", Scope),
    ];

    /// <summary>The page that starts the flow against <paramref name="service"/>.</summary>
    public string StartUrl(string service) => $"{Origin}/?service={Uri.EscapeDataString(service)}";

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
