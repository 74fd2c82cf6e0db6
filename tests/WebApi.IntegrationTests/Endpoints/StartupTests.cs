using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

public sealed class StartupTests
{
    [TestCase(null, "No JWT signing key")]
    [TestCase("c2hvcnQ=", "HS256 needs at least 256")]
    [TestCase("not base64!", "not valid base64")]
    // 32 zero bytes: long enough, and no secret at all.
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "is not random")]
    public void Start_InProductionWithoutAGoodKey_FailsSayingWhatToSet(string? key, string reason)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Jwt:SigningKey", key);
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.That(error?.Message, Does.Contain(reason).And.Contain("Jwt__SigningKey"));
    }

    [Test]
    public async Task Start_InProductionWithAKey_Serves()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }
}
