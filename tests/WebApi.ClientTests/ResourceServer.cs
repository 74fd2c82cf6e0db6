using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.ClientTests;

/// <summary>
/// Another team's API: a minimal ASP.NET Core app that trusts our tokens the standard way, JwtBearer
/// pointed at our metadata address with our audience, keys fetched from the published JWKS. It holds
/// no secret of ours.
/// </summary>
public sealed class ResourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ResourceServer(WebApplication app) => _app = app;

    public static async Task<ResourceServer> StartAsync(string issuer, string audience)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MetadataAddress = issuer + "/.well-known/oauth-authorization-server";
            options.Audience = audience;
            // The test service speaks plain http on 127.0.0.1; anywhere real this stays true.
            options.RequireHttpsMetadata = false;
            options.MapInboundClaims = false;
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (HttpContext context) => context.User.FindFirst("sub")?.Value).RequireAuthorization();
        await app.StartAsync();
        return new ResourceServer(app);
    }

    public HttpClient NewClient() => _app.GetTestClient();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
