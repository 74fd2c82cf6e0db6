using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FastApiLearning.WebApi.ClientTests.Support;

/// <summary>
/// The real service on Kestrel, for clients that speak HTTP from outside the process (Python) or that
/// check the issuer against the address they were given (discovery). Its public origin, and so its
/// issuer, is the address it listens on; it signs with an ES256 key the tests hold, so that they can
/// make tokens our service would have made, expired ones included.
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Program>
{
    public const string KeyId = "client-tests-es256";
    public const string Audience = "FastApiLearning";

    /// <summary>A public client (no secret) that the Python clients use; first-party, so no consent page.</summary>
    public const string PublicClientId = "python-client";

    /// <summary>Never contacted: the clients read the code from the redirect the service answers with.</summary>
    public const string PublicClientRedirectUri = "http://127.0.0.1:9/callback";

    public const string ConfidentialClientId = "reporting-service";
    public const string ConfidentialClientSecret = "a-long-random-secret-for-the-client-tests-only";

    private readonly int _port;

    public ServiceHost()
    {
        _port = FreePort();
        Origin = $"http://127.0.0.1:{_port}";
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
    }

    /// <summary>The signing key the service was configured with (private part included: the tests mint with it).</summary>
    public ECDsa SigningKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary><c>http://127.0.0.1:port</c>: where the service listens, its public origin and its issuer.</summary>
    public string Origin { get; }

    public static ServiceHost StartNew()
    {
        var host = new ServiceHost();
        host.StartServer();
        return host;
    }

    public HttpClient NewHttpClient() => new() { BaseAddress = new Uri(Origin) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The sample users in memory: these tests are about the protocol, not the database.
        builder.UseSetting("Database:Provider", "Fake");
        builder.UseSetting("App:PublicOrigin", Origin);
        builder.UseSetting("Jwt:SigningKeys:0:Id", KeyId);
        builder.UseSetting("Jwt:SigningKeys:0:Algorithm", "ES256");
        builder.UseSetting("Jwt:SigningKeys:0:Pem", SigningKey.ExportPkcs8PrivateKeyPem());
        builder.UseSetting("OAuth:Clients:0:ClientId", PublicClientId);
        builder.UseSetting("OAuth:Clients:0:RedirectUris:0", PublicClientRedirectUri);
        builder.UseSetting("OAuth:Clients:0:AllowedScopes:0", "user:read");
        builder.UseSetting("OAuth:Clients:0:AllowedScopes:1", "user:write");
        builder.UseSetting("OAuth:Clients:0:FirstParty", "true");
        builder.UseSetting("OAuth:Clients:1:ClientId", ConfidentialClientId);
        builder.UseSetting("OAuth:Clients:1:Secret", ConfidentialClientSecret);
        builder.UseSetting("OAuth:Clients:1:AllowedScopes:0", "user:read");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SigningKey.Dispose();
        }
    }

    /// <summary>A port nobody listens on right now. Kestrel must know it before it starts: the issuer names it.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
