using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FastApiLearning.WebApi.BrowserTests.Support;

/// <summary>
/// The real app on Kestrel whose issuer is its own origin, as in production: a free port of 127.0.0.1 is chosen
/// before the start, so that <c>Jwt:Issuer</c> (and with it Swagger UI's registered redirect URI,
/// <c>&lt;issuer&gt;/docs/oauth2-redirect.html</c>) is the address the browser really uses.
/// </summary>
public sealed class IssuerApp : WebApplicationFactory<Program>
{
    private readonly (string Key, string Value)[] _settings;

    private IssuerApp(int port, (string Key, string Value)[] settings)
    {
        _settings = settings;
        Origin = $"http://127.0.0.1:{port}";
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    /// <summary><c>http://127.0.0.1:port</c>: the issuer, and the address to browse.</summary>
    public string Origin { get; }

    public static IssuerApp StartNew(params (string Key, string Value)[] settings)
    {
        var app = new IssuerApp(FreePort(), settings);
        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jwt:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Jwt:Issuer", Origin);
        builder.UseSetting("App:PublicOrigin", Origin);
        builder.UseSetting("Database:Provider", "Fake");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A port nothing listens on right now (the system's choice, released at once for Kestrel to take).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
