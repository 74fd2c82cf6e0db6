using System.Net;
using System.Text;
using FastApiLearning.TestSupport.Logging;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// The security events the app logs, and what it never logs: passwords and tokens. Every category
/// and level is captured, so "never" covers the framework's own logging too.
/// </summary>
public sealed class SecurityLogTests
{
    private const string Secret = "S3cr3t-Hunter2-Pa55";
    private const string ClientIp = "198.51.100.7";

    private LogCapture _logs = null!;
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApp()
    {
        _logs = new LogCapture();
        _factory = new ApiFactory(builder => builder.CaptureLogs(_logs).UseTestClientIp());
        _client = _factory.CreateApiClient();
        _client.DefaultRequestHeaders.Add(TestClientIp.Header, ClientIp);
    }

    [TearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
        _logs.Dispose();
    }

    [Test]
    public async Task FailedLogins_NeverLogThePassword()
    {
        using var wrongPassword = await _client.PostAsync("/token", Forms.Login(Forms.Behai, Secret));
        using var unknownUser = await _client.PostAsync("/token", Forms.Login("nobody@example.com", Secret));
        using var invalidUsername = await _client.PostAsync("/token", Forms.Login("not-an-email", Secret));
        using var badGrant = await _client.PostAsync("/token", Forms.Login(Forms.Behai, Secret, grantType: "client_credentials"));
        using var repeated = await _client.PostAsync("/token", new StringContent(
            $"username={Forms.Behai}&password={Secret}&password={Secret}", Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var json = await _client.PostAsync("/token", new StringContent(
            $$"""{"username":"{{Forms.Behai}}","password":"{{Secret}}"}""", Encoding.UTF8, "application/json"));
        using var browser = BrowserClient.For(_factory);
        browser.Http.DefaultRequestHeaders.Add(TestClientIp.Header, ClientIp);
        using var fromBrowser = await browser.SubmitLoginAsync(Forms.Pranav, Secret);

        Assert.That(wrongPassword.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(fromBrowser.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(_logs.Security(1002), Has.Count.EqualTo(3), "the three failed logins were logged (and so captured)");
        Assert.That(_logs.Entries.Select(entry => entry.Category), Has.Some.StartsWith("Microsoft.AspNetCore."), "the framework's categories are captured");
        Assert.That(_logs.Entries.Select(entry => entry.Level), Has.Some.EqualTo(LogLevel.Debug), "every level is captured");
        Assert.That(_logs.Entries.Where(entry => entry.Contains(Secret)).Select(entry => entry.ToString()), Is.Empty);
    }

    [Test]
    public async Task FailedLogin_LogsLoginFailedWithTheNormalizedUsernameAndClientIp()
    {
        using var response = await _client.PostAsync("/token", Forms.Login("  BeHai_Nguyen@HOTMAIL.com ", "wrong-password"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var failed = _logs.Security(1002).Single();
        Assert.That(failed.EventId.Name, Is.EqualTo("LoginFailed"));
        Assert.That(failed.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(failed.Value("Username"), Is.EqualTo(Forms.Behai));
        Assert.That(failed.Value("ClientIp"), Is.EqualTo(ClientIp));
    }

    [Test]
    public async Task SuccessfulLogin_LogsLoginSucceeded()
    {
        await Forms.GetAccessTokenAsync(_client);

        var succeeded = _logs.Security(1001).Single();
        Assert.That(succeeded.EventId.Name, Is.EqualTo("LoginSucceeded"));
        Assert.That(succeeded.Value("Username"), Is.EqualTo(Forms.Behai));
        Assert.That(succeeded.Value("EmpNo"), Is.EqualTo("500222"));
        Assert.That(succeeded.Value("ClientIp"), Is.EqualTo(ClientIp));
        Assert.That(_logs.Security(1002), Is.Empty);
    }

    [Test]
    public async Task ThrottledLogin_LogsLoginThrottled()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await _client.PostAsync("/token", Forms.Login(Forms.Pranav, "wrong-password"));
        }

        using var response = await _client.PostAsync("/token", Forms.Login(Forms.Pranav, Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(_logs.Security(1002), Has.Count.EqualTo(5));
        var throttled = _logs.Security(1003).Single();
        Assert.That(throttled.EventId.Name, Is.EqualTo("LoginThrottled"));
        Assert.That(throttled.Value("Username"), Is.EqualTo(Forms.Pranav));
        Assert.That(throttled.Value("ClientIp"), Is.EqualTo(ClientIp));
        Assert.That(throttled.Value("RetryAfterSeconds"), Is.EqualTo(Responses.Header(response, "Retry-After")));
    }

    [Test]
    public async Task Logout_LogsLogout()
    {
        var token = await Forms.GetAccessTokenAsync(_client);

        using var response = await SendWithTokenAsync(HttpMethod.Post, "/logout", token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var logout = _logs.Security(1004).Single();
        Assert.That(logout.EventId.Name, Is.EqualTo("Logout"));
        Assert.That(logout.Value("Username"), Is.EqualTo(Forms.Behai));
        Assert.That(logout.Value("ClientIp"), Is.EqualTo(ClientIp));
    }

    private static IEnumerable<TestCaseData> RejectedTokens()
    {
        yield return new TestCaseData((Func<string>)(() => TestTokens.Create(key: TestTokens.OtherKey())), "bad signature")
            .SetName("GetMe_WithTokenSignedByAnotherKey_LogsTokenRejectedForBadSignature");
        yield return new TestCaseData((Func<string>)TestTokens.Tampered, "bad signature")
            .SetName("GetMe_WithTamperedToken_LogsTokenRejectedForBadSignature");
        yield return new TestCaseData((Func<string>)(() => TestTokens.Create(expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-35))), "expired")
            .SetName("GetMe_WithExpiredToken_LogsTokenRejectedAsExpired");
    }

    [TestCaseSource(nameof(RejectedTokens))]
    public async Task GetMe_WithBadToken_LogsTokenRejectedWithTheReason(Func<string> token, string reason)
    {
        using var response = await SendWithTokenAsync(HttpMethod.Get, "/users/me", token());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var rejected = _logs.Security(1005).Single();
        Assert.That(rejected.EventId.Name, Is.EqualTo("TokenRejected"));
        Assert.That(rejected.Value("Reason"), Is.EqualTo(reason));
        Assert.That(rejected.Value("ClientIp"), Is.EqualTo(ClientIp));
    }

    [Test]
    public async Task GetMe_WithTokenRevokedByLogout_LogsTokenRejectedAsRevoked()
    {
        var token = await Forms.GetAccessTokenAsync(_client);
        using var logout = await SendWithTokenAsync(HttpMethod.Post, "/logout", token);

        using var response = await SendWithTokenAsync(HttpMethod.Get, "/users/me", token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var rejected = _logs.Security(1005).Single();
        Assert.That(rejected.Value("Reason"), Is.EqualTo("revoked"));
        Assert.That(rejected.Value("Username"), Is.EqualTo(Forms.Behai));
        Assert.That(rejected.Value("ClientIp"), Is.EqualTo(ClientIp));
    }

    [Test]
    public async Task IssuedTokens_NeverAppearInTheLog()
    {
        var apiToken = await Forms.GetAccessTokenAsync(_client, Forms.Pranav);
        using var browser = BrowserClient.For(_factory);
        var cookieToken = await browser.LogInAsync(Forms.Behai);
        using var me = await SendWithTokenAsync(HttpMethod.Get, "/users/me", apiToken);
        using var home = await browser.Http.GetAsync("/");
        using var apiLogout = await SendWithTokenAsync(HttpMethod.Post, "/logout", apiToken);
        using var browserLogout = await browser.SubmitLogoutAsync();
        using var revoked = await SendWithTokenAsync(HttpMethod.Get, "/users/me", apiToken);
        using var revokedCookie = await SendWithTokenAsync(HttpMethod.Get, "/users/me", cookieToken);

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(revokedCookie.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_logs.Security(1001), Has.Count.EqualTo(2));
        Assert.That(_logs.Security(1004), Has.Count.EqualTo(2));
        Assert.That(_logs.Security(1005), Has.Count.EqualTo(2));
        foreach (var token in new[] { apiToken, cookieToken })
        {
            var signature = token.Split('.')[2];
            Assert.That(signature, Has.Length.GreaterThan(20));
            Assert.That(_logs.Entries.Where(entry => entry.Contains(token) || entry.Contains(signature)).Select(entry => entry.ToString()), Is.Empty);
        }
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = BrowserClient.Bearer(token) } };
        return await _client.SendAsync(request);
    }
}
