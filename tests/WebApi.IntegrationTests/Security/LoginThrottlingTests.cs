using System.Net;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// Brute-force throttling of /token, per normalised username and per client IP. Each test starts its
/// own app on a fake clock, since the failure counts are the state under test.
/// </summary>
public sealed class LoginThrottlingTests
{
    private const string WrongPassword = "not-the-password";
    private const string OtherIp = "198.51.100.20";

    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void StartClock() => _clock = HostSetup.NewClock();

    [Test]
    public async Task PostToken_AfterFiveWrongPasswords_RefusesTheRightPasswordWith429()
    {
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 5);

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        await AssertSlowDownAsync(response, seconds: 60);
    }

    [Test]
    public async Task PostToken_AfterFourWrongPasswords_StillAcceptsTheRightPassword()
    {
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 4);

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PostToken_WhenTheLockHasPassed_AcceptsTheRightPasswordAgain()
    {
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 5);

        _clock.Advance(TimeSpan.FromSeconds(59));
        using var stillLocked = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));
        _clock.Advance(TimeSpan.FromSeconds(2));
        using var unlocked = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        await AssertSlowDownAsync(stillLocked, seconds: 1);
        Assert.That(unlocked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PostToken_EachFailureAfterALock_DoublesTheLockUpToFifteenMinutes()
    {
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 5);

        var locks = new List<int>();
        for (var round = 0; round < 7; round++)
        {
            using var refused = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            var seconds = (int)(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1);
            locks.Add(seconds);
            _clock.Advance(TimeSpan.FromSeconds(seconds + 1));
            await FailAsync(client, Forms.Behai, times: 1);
        }

        Assert.That(locks, Is.EqualTo(new[] { 60, 120, 240, 480, 900, 900, 900 }), "a failure after the longest lock locks again");
    }

    [Test]
    public async Task PostToken_FailuresFurtherApartThanWindowPlusLongestLock_StartTheCountAgain()
    {
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 4);
        _clock.Advance(TimeSpan.FromMinutes(29));
        await FailAsync(client, Forms.Behai, times: 1);
        using var locked = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));
        _clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        await FailAsync(client, Forms.Behai, times: 4);

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        await AssertSlowDownAsync(locked, seconds: 60);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the 4 new failures count from one");
    }

    [Test]
    public async Task PostToken_ASuccess_DoesNotHandStrangersAFreshAllowance()
    {
        // Arrange: four strangers' failures, then the owner logs in (an API client: no device cookie).
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 4);
        using var success = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));
        Assert.That(success.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Act: one more failure is the fifth, and locks the username.
        await FailAsync(client, Forms.Behai, times: 1);
        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        // Assert
        await AssertSlowDownAsync(response, seconds: 60);
    }

    [Test]
    public async Task PostToken_LockedUsername_IsLockedInEveryCaseAndSpacing()
    {
        using var factory = Start();
        using var client = factory.CreateApiClient();
        string[] spellings = ["BEHAI_NGUYEN@HOTMAIL.COM", " behai_nguyen@hotmail.com", "Behai_Nguyen@Hotmail.com ", "behai_nguyen@HOTMAIL.com", Forms.Behai];
        foreach (var spelling in spellings)
        {
            await FailAsync(client, spelling, times: 1);
        }

        using var response = await client.PostAsync("/token", Forms.Login("  BeHai_Nguyen@hotmail.COM", Forms.Password));

        await AssertSlowDownAsync(response, seconds: 60);
    }

    [Test]
    public async Task PostToken_LockedUsername_IsLockedFromAnotherIpToo()
    {
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 5);

        using var request = TestClientIp.Login(OtherIp, Forms.Behai, Forms.Password);
        using var response = await client.SendAsync(request);

        await AssertSlowDownAsync(response, seconds: 60);
    }

    [Test]
    public async Task PostToken_LockOfOneUsername_LeavesOtherUsersAlone()
    {
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 5);

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Pranav, Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PostToken_ThrottledUnknownEmail_AnswersExactlyAsAThrottledKnownEmail()
    {
        const string unknown = "nobody.at.all@example.com";
        using var factory = Start();
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 5);
        await FailAsync(client, unknown, times: 5);

        using var known = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));
        using var nobody = await client.PostAsync("/token", Forms.Login(unknown, Forms.Password));

        Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(nobody.StatusCode, Is.EqualTo(known.StatusCode));
        Assert.That(await nobody.Content.ReadAsByteArrayAsync(), Is.EqualTo(await known.Content.ReadAsByteArrayAsync()));
        Assert.That(Responses.HeaderLines(nobody, "Date"), Is.EqualTo(Responses.HeaderLines(known, "Date")));
    }

    [Test]
    public async Task PostToken_FromBrowserFormWhenThrottled_RerendersTheLoginPageWith429AndTheWait()
    {
        using var factory = Start();
        using var browser = BrowserClient.For(factory);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await browser.SubmitLoginAsync(Forms.Behai, WrongPassword);
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using var response = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<p class=\"message\" role=\"alert\">Too many attempts, try again in 60 seconds</p>"));
        Assert.That(html, Does.Contain($"value=\"{Forms.Behai}\"").And.Contain("<form method=\"post\" action=\"/token\""));
        Assert.That(Responses.SessionCookie(response), Is.Null);
    }

    [Test]
    public async Task PostToken_AfterThirtyFailuresFromOneIp_RefusesThatIpButNotAnother()
    {
        const string attackerIp = "203.0.113.66";
        using var factory = Start();
        using var client = factory.CreateApiClient();
        for (var user = 0; user < 30; user++)
        {
            await FailAsync(client, $"user{user}@example.com", times: 1, attackerIp);
        }

        using var fromAttacker = await client.SendAsync(TestClientIp.Login(attackerIp, Forms.Behai, Forms.Password));
        using var wrongFromOther = await client.SendAsync(TestClientIp.Login(OtherIp, "user30@example.com", WrongPassword));
        using var rightFromOther = await client.SendAsync(TestClientIp.Login(OtherIp, Forms.Behai, Forms.Password));
        _clock.Advance(TimeSpan.FromSeconds(61));
        using var attackerAMinuteLater = await client.SendAsync(TestClientIp.Login(attackerIp, Forms.Behai, Forms.Password));

        await AssertSlowDownAsync(fromAttacker, seconds: 60);
        Assert.That(wrongFromOther.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await wrongFromOther.Content.ReadAsStringAsync(), Does.Contain("\"error\":\"invalid_grant\""));
        Assert.That(rightFromOther.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(attackerAMinuteLater.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PostToken_WithConfiguredUsernameLimits_LocksAfterThatManyFailuresAndCapsTheLock()
    {
        using var factory = Start(
            ("Throttling:MaxFailuresPerUsername", "2"),
            ("Throttling:InitialBackoff", "00:00:10"),
            ("Throttling:MaxBackoff", "00:00:30"),
            ("Throttling:UsernameWindow", "01:00:00"));
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 2);

        var locks = new List<int>();
        for (var round = 0; round < 4; round++)
        {
            using var refused = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            var seconds = (int)(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1);
            locks.Add(seconds);
            _clock.Advance(TimeSpan.FromSeconds(seconds + 1));
            await FailAsync(client, Forms.Behai, times: 1);
        }

        Assert.That(locks, Is.EqualTo(new[] { 10, 20, 30, 30 }));
    }

    [Test]
    public async Task PostToken_WithConfiguredClientLimit_RefusesTheIpAfterThatManyFailures()
    {
        using var factory = Start(("Throttling:MaxFailuresPerClient", "3"), ("Throttling:ClientWindow", "00:00:20"));
        using var client = factory.CreateApiClient();
        for (var user = 0; user < 3; user++)
        {
            await FailAsync(client, $"user{user}@example.com", times: 1);
        }

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        await AssertSlowDownAsync(response, seconds: 20);
    }

    [Test]
    public async Task PostToken_WithThrottlingDisabled_NeverRefuses()
    {
        using var factory = Start(("Throttling:Enabled", "false"));
        using var client = factory.CreateApiClient();
        await FailAsync(client, Forms.Behai, times: 8);

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private ApiFactory Start(params (string Key, string Value)[] settings) =>
        new(builder => builder.UseFakeTime(_clock).UseTestClientIp().UseSettings(settings));

    private static async Task FailAsync(HttpClient client, string username, int times, string ip = TestClientIp.Default)
    {
        for (var attempt = 0; attempt < times; attempt++)
        {
            using var request = TestClientIp.Login(ip, username, WrongPassword);
            using var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"wrong password {attempt + 1} for {username}");
        }
    }

    private static async Task AssertSlowDownAsync(HttpResponseMessage response, int seconds)
    {
        var message = seconds == 1 ? "Too many attempts, try again in 1 second" : $"Too many attempts, try again in {seconds} seconds";
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(Responses.Header(response, "Retry-After"), Is.EqualTo(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "Cache-Control: no-store");
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""{"error":"slow_down","error_description":"{{message}}","detail":"{{message}}"}"""));
    }
}
