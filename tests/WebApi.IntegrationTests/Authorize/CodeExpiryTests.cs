using System.Net;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;
using static FastApiLearning.WebApi.IntegrationTests.Authorize.OAuthTestClients;

namespace FastApiLearning.WebApi.IntegrationTests.Authorize;

/// <summary>A code lives 60 seconds (the app's clock is a fake one here).</summary>
public sealed class CodeExpiryTests
{
    private FakeTimeProvider _clock = null!;
    private ApiFactory _factory = null!;
    private BrowserClient _browser = null!;

    [OneTimeSetUp]
    public async Task StartApp()
    {
        _clock = HostSetup.NewClock();
        _factory = new ApiFactory(builder => builder.UseTestClients().UseFakeTime(_clock));
        // Once, before the clock moves: the session's token is checked against the real time.
        _browser = BrowserClient.For(_factory);
        await _browser.LogInAsync(Forms.Pranav);
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _browser.Dispose();
        _factory.Dispose();
    }

    [TestCase(59, HttpStatusCode.OK)]
    [TestCase(60, HttpStatusCode.BadRequest)]
    public async Task Redeem_SecondsAfterTheCodeWasIssued_AnswersAsItsLifetimeSays(int seconds, HttpStatusCode expected)
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge);
        _clock.Advance(TimeSpan.FromSeconds(seconds));
        using var api = _factory.CreateApiClient();

        using var response = await api.PostAsync("/token", CodeGrant(code, verifier));
        var json = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(expected), json.ToString());
        if (expected != HttpStatusCode.OK)
        {
            Assert.That(json.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
            Assert.That(json.GetProperty("error_description").GetString(), Is.EqualTo("The authorization code has expired"));
        }
    }
}
