using System.Net;
using FastApiLearning.TestSupport.Security;
using FastApiLearning.WebApi.RedisTests.Support;

namespace FastApiLearning.WebApi.RedisTests;

/// <summary>
/// What two instances behind one real Redis share besides tokens: the login allowance of a
/// username, the Data Protection key ring (device cookies, antiforgery tokens) and "log out everywhere".
/// </summary>
[NonParallelizable]
public sealed class SharedStateTests
{
    /// <summary>Throttling:MaxFailuresPerUsername by default.</summary>
    private const int Allowance = 5;

    private RedisServer _redis = null!;
    private AppInstance _a = null!;
    private AppInstance _b = null!;
    private CountingPasswordHasher? _checksOnA;
    private CountingPasswordHasher? _checksOnB;

    [OneTimeSetUp]
    public void StartRedis()
    {
        _redis = new RedisServer();
        _redis.Start();
    }

    [OneTimeTearDown]
    public void StopRedis() => _redis.Dispose();

    [SetUp]
    public void StartInstances()
    {
        // Each test its own keys, so no count or revocation leaks from one test into another.
        var prefix = $"fal-test-{Guid.NewGuid():N}:";
        var signingKey = AppInstance.NewSigningKey();
        _checksOnA = null;
        _checksOnB = null;
        _a = new AppInstance(_redis.ConnectionString, prefix, signingKey,
            testServices: services => services.CountPasswordChecks(counter => _checksOnA = counter));
        _b = new AppInstance(_redis.ConnectionString, prefix, signingKey,
            testServices: services => services.CountPasswordChecks(counter => _checksOnB = counter));
    }

    [TearDown]
    public async Task StopInstances()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Test]
    public async Task PostToken_BurstOfWrongPasswordsOverAAndB_VerifiesNoMoreThanTheAllowance()
    {
        // Arrange
        using var a = _a.Client();
        using var b = _b.Client();
        const int attempts = 256;

        // Act: all at once, every other one on B, as a balancer would spread them.
        var burst = Enumerable.Range(0, attempts)
            .Select(i => (i % 2 == 0 ? a : b).PostAsync("/token", AppInstance.Login(AppInstance.Behai, $"wrong-{i}")));
        var responses = await Task.WhenAll(burst);
        var statuses = responses.Select(response => (int)response.StatusCode).ToArray();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var verified = (_checksOnA?.Verified ?? 0) + (_checksOnB?.Verified ?? 0);
        using var rightOnA = await a.PostAsync("/token", AppInstance.Login(AppInstance.Behai, AppInstance.Password));
        using var rightOnB = await b.PostAsync("/token", AppInstance.Login(AppInstance.Behai, AppInstance.Password));

        // Assert
        Assert.That(verified, Is.EqualTo(Allowance), "passwords verified by A and B together");
        Assert.That(statuses.Count(status => status == 400), Is.EqualTo(Allowance), "wrong passwords answered as such");
        Assert.That(statuses.Count(status => status == 429), Is.EqualTo(attempts - Allowance), "the rest refused unchecked");
        Assert.That((int)rightOnA.StatusCode, Is.EqualTo(429));
        Assert.That((int)rightOnB.StatusCode, Is.EqualTo(429));
    }

    [Test]
    public async Task PostToken_DeviceCookieMadeByA_LogsInOnBWhileTheUsernameIsLocked()
    {
        // Arrange: the owner's browser has logged in on A, and out again: it keeps the device cookie.
        using var browserOnA = _a.BrowserClient();
        using var browserOnB = _b.BrowserClient();
        var loginOnA = await Browser.OpenAsync(browserOnA, "/login");
        using var login = await browserOnA.SendAsync(Browser.Login(loginOnA, AppInstance.Behai, AppInstance.Password));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        var device = Browser.SetCookie(login, Browser.DeviceCookie);
        var session = Browser.SetCookie(login, Browser.SessionCookie);
        var home = await Browser.OpenAsync(browserOnA, "/", session);
        using var logout = await browserOnA.SendAsync(Browser.Logout(home, session));
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(Browser.FindSetCookie(logout, Browser.SessionCookie), Is.EqualTo(Browser.SessionCookie + "="), "the session ends");
        Assert.That(Browser.FindSetCookie(logout, Browser.DeviceCookie), Is.Null, "the device cookie stays");

        // A stranger spends the username's allowance, from both instances.
        using var a = _a.Client();
        using var b = _b.Client();
        for (var i = 0; i < Allowance; i++)
        {
            using var wrong = await (i % 2 == 0 ? a : b).PostAsync("/token", AppInstance.Login(AppInstance.Behai, $"stranger-{i}"));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        // Act: the owner's browser on B, with B's form and A's device cookie; another browser on B.
        var loginOnB = await Browser.OpenAsync(browserOnB, "/login");
        using var fromOwner = await browserOnB.SendAsync(Browser.Login(loginOnB, AppInstance.Behai, AppInstance.Password, device));
        var otherLoginOnB = await Browser.OpenAsync(browserOnB, "/login");
        using var fromOther = await browserOnB.SendAsync(Browser.Login(otherLoginOnB, AppInstance.Behai, AppInstance.Password));

        // Assert
        Assert.That(fromOwner.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(fromOwner.Headers.Location?.OriginalString, Is.EqualTo("/"));
        Assert.That(fromOther.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task PostToken_LoginFormFromA_IsAcceptedByB()
    {
        // Arrange
        using var browserOnA = _a.BrowserClient();
        using var browserOnB = _b.BrowserClient();
        var form = await Browser.OpenAsync(browserOnA, "/login");

        // Act
        using var response = await browserOnB.SendAsync(Browser.Login(form, AppInstance.Behai, AppInstance.Password));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/"));
        Assert.That(Browser.FindSetCookie(response, Browser.SessionCookie), Is.Not.Null);
    }

    [Test]
    public async Task PostLogoutEverywhere_OnA_RefusesEveryEarlierTokenOnBothButNotALaterLogin()
    {
        // Arrange: the user has a token from each instance, good on both.
        using var a = _a.Client();
        using var b = _b.Client();
        var fromA = await AppInstance.TokenAsync(a);
        var fromB = await AppInstance.TokenAsync(b);
        Assert.That(await StatusesOnBothAsync(a, b, fromA, fromB), Is.All.EqualTo(HttpStatusCode.OK));

        // Act
        using var request = AppInstance.Post("/logout", fromA);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["everywhere"] = "true" });
        using var logout = await a.SendAsync(request);
        var refused = await StatusesOnBothAsync(b, a, fromA, fromB);
        var later = await AppInstance.TokenAsync(b);
        using var laterOnA = await a.SendAsync(AppInstance.Get("/users/me", later));

        // Assert
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(refused, Is.All.EqualTo(HttpStatusCode.Unauthorized), "both tokens, on B and on A");
        Assert.That(laterOnA.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary><c>GET /users/me</c> with each token on each instance, in that order.</summary>
    private static async Task<HttpStatusCode[]> StatusesOnBothAsync(HttpClient first, HttpClient second, params string[] tokens)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { first, second })
        {
            foreach (var token in tokens)
            {
                using var response = await client.SendAsync(AppInstance.Get("/users/me", token));
                statuses.Add(response.StatusCode);
            }
        }

        return [.. statuses];
    }
}
