using System.Net;
using FastApiLearning.TestSupport.Logging;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// Forwarded headers are believed only from configured proxies; then the throttle, the security log,
/// the cookies and HSTS see the client and scheme behind the proxy. Every request here arrives from
/// <see cref="TestClientIp.Default"/> (192.0.2.1), which plays the proxy.
/// </summary>
public sealed class TrustedProxyTests
{
    private const string Client = "203.0.113.50";

    [TestCase("ForwardedHeaders:KnownProxies:0", "192.0.2.1")]
    [TestCase("ForwardedHeaders:KnownNetworks:0", "192.0.2.0/24")]
    public async Task FromATrustedProxy_TheForwardedClientIsLoggedAndCounted(string key, string value)
    {
        // Arrange
        var logs = new LogCapture();
        using var factory = new ApiFactory(builder => builder.UseTestClientIp().CaptureLogs(logs).UseSettings((key, value)));
        using var client = factory.CreateApiClient();

        // Act: 30 failures forwarded for one client use up that client's allowance, not the proxy's.
        for (var i = 0; i < 30; i++)
        {
            using var failed = await client.SendAsync(Forwarded(Client, $"user{i}@example.com"));
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using var sameClient = await client.SendAsync(Forwarded(Client, "fresh@example.com"));
        using var otherClient = await client.SendAsync(Forwarded("203.0.113.51", "fresh@example.com"));

        // Assert
        Assert.That(sameClient.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(logs.Security(1002).First().Value("ClientIp"), Is.EqualTo(Client));
    }

    [TestCase(null)]
    [TestCase("10.0.0.1")]
    public async Task FromAnUntrustedPeer_ForwardedHeadersAreIgnored(string? trustedProxy)
    {
        // Arrange: nothing trusted, or a proxy other than the peer.
        var logs = new LogCapture();
        using var factory = new ApiFactory(builder => builder.UseTestClientIp().CaptureLogs(logs)
            .UseSettings(trustedProxy is null ? [] : [("ForwardedHeaders:KnownProxies:0", trustedProxy)]));
        using var client = factory.CreateApiClient();

        // Act: an attacker rotating X-Forwarded-For on every request.
        for (var i = 0; i < 30; i++)
        {
            using var failed = await client.SendAsync(Forwarded($"203.0.113.{i}", $"user{i}@example.com"));
        }

        using var response = await client.SendAsync(Forwarded("198.51.100.200", "fresh@example.com"));

        // Assert: every request counted against the real peer.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(logs.Security(1002).Select(e => e.Value("ClientIp")).Distinct(), Is.EqualTo(new[] { TestClientIp.Default }));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task BehindATlsTerminatingProxy_CookiesAreSecureAndHstsIsSent_OnlyWhenTheProxyIsTrusted(bool trusted)
    {
        // Arrange: the proxy speaks plain HTTP to the service and says the browser used HTTPS.
        using var factory = new ApiFactory(builder => builder.UseTestClientIp()
            .UseSettings(trusted ? [("ForwardedHeaders:KnownProxies:0", TestClientIp.Default)] : []));
        using var client = factory.CreateApiClient();
        using var page = await client.SendAsync(ViaTls(new HttpRequestMessage(HttpMethod.Get, "/login")));
        var html = await page.Content.ReadAsStringAsync();
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fal_antiforgery=", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        // Act: the login form, as the browser posts it through the proxy.
        var login = ViaTls(new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = Forms.Behai,
                ["password"] = Forms.Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        });
        login.Headers.Add("Cookie", antiforgeryCookie[..antiforgeryCookie.IndexOf(';', StringComparison.Ordinal)]);
        login.Headers.Add("Origin", trusted ? "https://localhost" : "http://localhost");
        using var response = await client.SendAsync(login);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(antiforgeryCookie.Contains("secure", StringComparison.OrdinalIgnoreCase), Is.EqualTo(trusted));
        Assert.That(Responses.SessionCookie(response), trusted ? Does.StartWith("__Host-fal_session=").And.Contain("secure") : Does.StartWith("fal_session="));
        Assert.That(Responses.Header(page, "Strict-Transport-Security"), trusted ? Is.Not.Null : Is.Null);
    }

    [Test]
    public async Task AnIPv4MappedPeerAddress_IsLoggedAndCountedAsPlainIPv4()
    {
        var logs = new LogCapture();
        using var factory = new ApiFactory(builder => builder.UseTestClientIp().CaptureLogs(logs));
        using var client = factory.CreateApiClient();
        for (var i = 0; i < 30; i++)
        {
            using var failed = await client.SendAsync(TestClientIp.Login("::ffff:203.0.113.9", $"user{i}@example.com", "wrong"));
        }

        using var plain = await client.SendAsync(TestClientIp.Login("203.0.113.9", "fresh@example.com", "wrong"));

        Assert.That(logs.Security(1002).First().Value("ClientIp"), Is.EqualTo("203.0.113.9"));
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public void Start_WithAKnownProxyThatIsNoAddress_FailsAndSaysWhy()
    {
        var refused = StartupValidation.Run(("ForwardedHeaders:KnownProxies:0", "proxy.internal"));

        Assert.That(refused?.Message, Does.Contain("ForwardedHeaders:KnownProxies"));
    }

    private static HttpRequestMessage ViaTls(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", Client);
        request.Headers.Accept.ParseAdd("text/html");
        return request;
    }

    private static HttpRequestMessage Forwarded(string client, string username)
    {
        var request = TestClientIp.Login(TestClientIp.Default, username, "wrong");
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }
}
