using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

/// <summary>Outside Development the service refuses to start without a key or an issuer, and says what to set.</summary>
public sealed class KeyStartupTests
{
    [Test]
    public void Start_InProductionWithoutAnIssuer_FailsSayingToSetThePublicOrigin()
    {
        using var factory = new ApiFactory(builder => builder.UseEnvironment("Production").UseSettings(("Jwt:Issuer", "")));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.That(error?.Message, Does.Contain("No token issuer is configured").And.Contain("App__PublicOrigin"));
    }

    [Test]
    public void Start_InProductionWithoutAKey_FailsSayingHowToMakeAnEs256Key()
    {
        using var factory = new ApiFactory(builder => builder.UseEnvironment("Production").UseSettings(("Jwt:SigningKey", "")));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.That(error?.Message, Does.Contain("No JWT signing key is configured")
            .And.Contain("Jwt__SigningKeys__0__Pem")
            .And.Contain("openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt"));
    }

    [Test]
    public void Start_InProductionWithAnEs256KeyAndTheHs256KeyAfterIt_Starts()
    {
        using var factory = new ApiFactory(builder => builder.UseEnvironment("Production")
            .UseSettings([.. Es256Keys.Settings(withLegacyHs256Key: true), ("Database:SeedSampleUsers", "false")]));

        Assert.DoesNotThrow(() => factory.CreateClient().Dispose());
    }
}
