using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.BrowserTests.Support;

/// <summary>The real app on Kestrel, on a free port of 127.0.0.1, for a real browser to reach.</summary>
public sealed class KestrelApp : WebApplicationFactory<Program>
{
    private readonly (string Key, string Value)[] _settings;

    /// <param name="settings">Configuration on top of the test one, keys as in <c>App:AllowedOrigins:0</c>.</param>
    public KestrelApp(params (string Key, string Value)[] settings)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public Uri BaseAddress { get; private set; } = null!;

    public TokenPostLog TokenPosts { get; } = new();

    /// <summary>The service's origin as a browser writes it: <c>http://127.0.0.1:port</c>, no trailing slash.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public static KestrelApp StartNew(params (string Key, string Value)[] settings)
    {
        var app = new KestrelApp(settings);
        app.Start();
        return app;
    }

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reports no address.");
        var address = addresses.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jwt:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        // The issuer, not App:PublicOrigin: that would make the browser's real origin (its port is chosen at start) a foreign one.
        builder.UseSetting("Jwt:Issuer", "http://127.0.0.1");
        // The sample users in memory: the browser tests are about pages, not the database (the HTTP suite runs on SQLite).
        builder.UseSetting("Database:Provider", "Fake");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(TokenPosts));
    }
}
