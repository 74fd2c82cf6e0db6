using System.Net;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// OWASP's device cookies: a browser that has logged in to an account before keeps its own
/// allowance, so a stranger's failures lock the account for everyone else but not for its owner.
/// </summary>
public sealed class DeviceCookieTests
{
    private const string StrangerIp = "198.51.100.66";

    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void StartClock() => _clock = HostSetup.NewClock();

    [Test]
    public async Task PostToken_OwnersBrowserWithDeviceCookie_LogsInWhileStrangersKeepTheAccountLocked()
    {
        // Arrange: the owner has logged in from this browser before (and logged out since).
        using var factory = Start();
        using var owner = BrowserClient.For(factory);
        await LogInAndOutAsync(owner, Forms.Behai);

        using var api = factory.CreateApiClient();
        await FailAsync(api, times: 5);

        // Act
        using var fromOwnersBrowser = await owner.SubmitLoginAsync(Forms.Behai, Forms.Password);
        using var otherBrowser = BrowserClient.For(factory);
        using var fromOtherBrowser = await otherBrowser.SubmitLoginAsync(Forms.Behai, Forms.Password);
        using var fromApiClient = await api.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        // Assert
        Assert.That(fromOwnersBrowser.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(fromOwnersBrowser.Headers.Location?.OriginalString, Is.EqualTo("/"));
        Assert.That(fromOtherBrowser.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(fromApiClient.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task PostToken_DeviceCookieOfAnotherAccount_DoesNotExemptThisOne()
    {
        using var factory = Start();
        using var browser = BrowserClient.For(factory);
        await LogInAndOutAsync(browser, Forms.Pranav);
        using var api = factory.CreateApiClient();
        await FailAsync(api, times: 5);

        using var response = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task PostToken_TamperedDeviceCookie_CountsAsNone()
    {
        using var factory = Start();
        using var browser = BrowserClient.For(factory);
        using var api = factory.CreateApiClient();
        await FailAsync(api, times: 5);
        browser.Http.DefaultRequestHeaders.Add("Cookie", "fal_device=CfDJ8forged-value");

        using var response = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task PostToken_DeviceCookie_HasItsOwnLimit()
    {
        // Arrange: five wrong passwords from the owner's own browser lock that browser too.
        using var factory = Start();
        using var owner = BrowserClient.For(factory);
        await LogInAndOutAsync(owner, Forms.Behai);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await owner.SubmitLoginAsync(Forms.Behai, "wrong");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        // Act
        using var fromOwner = await owner.SubmitLoginAsync(Forms.Behai, Forms.Password);
        using var api = factory.CreateApiClient();
        using var fromApi = await api.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        // Assert: the device's failures were its own, not the username's.
        Assert.That(fromOwner.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(fromApi.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("http://localhost", "fal_device=")]
    [TestCase("https://localhost", "__Host-fal_device=")]
    public async Task PostToken_BrowserLogin_SetsAProtectedLongLivedDeviceCookie(string baseAddress, string prefix)
    {
        using var factory = Start();
        using var browser = BrowserClient.For(factory, baseAddress);

        using var response = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(prefix, StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToArray();
        Assert.That(attributes, Does.Contain("httponly"));
        Assert.That(attributes, Does.Contain("samesite=strict"));
        Assert.That(attributes, Does.Contain("path=/"));
        Assert.That(attributes.Contains("secure"), Is.EqualTo(baseAddress.StartsWith("https", StringComparison.Ordinal)));
        var expires = DateTimeOffset.Parse(attributes.Single(a => a.StartsWith("expires=", StringComparison.Ordinal))["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(expires, Is.GreaterThan(_clock.GetUtcNow().AddDays(150)));
        Assert.That(cookie, Does.Not.Contain(Forms.Behai), "the username is protected, not readable");
    }

    [Test]
    public async Task PostToken_ApiClient_GetsNoDeviceCookie()
    {
        using var factory = Start();
        using var api = factory.CreateApiClient();

        using var response = await api.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
    }

    private ApiFactory Start() => new(builder => builder.UseFakeTime(_clock).UseTestClientIp());

    /// <summary>A browser that has logged in to the account before: it keeps the device cookie, not the session.</summary>
    private static async Task LogInAndOutAsync(BrowserClient browser, string username)
    {
        await browser.LogInAsync(username);
        using var logout = await browser.SubmitLogoutAsync();
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
    }

    private static async Task FailAsync(HttpClient api, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var request = TestClientIp.Login(StrangerIp, Forms.Behai, $"stranger-{i}");
            using var response = await api.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }
    }
}
