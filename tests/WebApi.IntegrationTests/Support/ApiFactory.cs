using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>The real app in memory, with a known signing key so tests can forge tokens.</summary>
/// <param name="configure">More settings or test services, applied after the defaults.</param>
public sealed class ApiFactory(Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        builder.UseSetting("Jwt:Issuer", TestTokens.Issuer);
        builder.UseSetting("Jwt:Audience", TestTokens.Audience);
        configure?.Invoke(builder);
    }

    public HttpClient CreateApiClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
