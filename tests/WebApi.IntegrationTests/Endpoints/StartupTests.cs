using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
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
        using var factory = new ApiFactory(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Jwt:SigningKey", key);
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.That(error?.Message, Does.Contain(reason).And.Contain("Jwt__SigningKey"));
    }

    [TestCase("Throttling:UsernameWindow", "00:00:00", "Throttling:UsernameWindow must be positive")]
    [TestCase("Throttling:ClientWindow", "-00:01:00", "Throttling:ClientWindow must be positive")]
    [TestCase("Throttling:MaxBackoff", "00:00:10", "Throttling:MaxBackoff must be at least")]
    [TestCase("EmployeeStore:DataFile", "no-such-file.json", "EmployeeStore:DataFile names no file")]
    [TestCase("Redis:Timeout", "00:00:00", "Redis:Timeout must be positive")]
    [TestCase("Throttling:MaxTrackedCounters", "5", "MaxTrackedCounters")]
    public void Start_WithASettingOutOfRange_FailsNamingIt(string key, string value, string message)
    {
        // Every setting is validated one way (data annotations on its options class), time spans too.
        var refused = StartupValidation.Run(
            (key, value), ("ConnectionStrings:Redis", key.StartsWith("Redis", StringComparison.Ordinal) ? "127.0.0.1:1" : null));

        Assert.That(refused?.Message, Does.Contain(message));
    }

    [Test]
    public void StartupValidation_WithTheDefaults_RefusesNothing()
    {
        Assert.That(StartupValidation.Run(), Is.Null);
    }

    [Test]
    public async Task Start_InProductionWithAKey_Serves()
    {
        // Its own database, where production gets the sample users only because it asks (ApiFactory does).
        using var factory = new ApiFactory(builder => builder.UseEnvironment("Production"));
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }
}
