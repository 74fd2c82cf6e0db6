using System.Net;
using System.Net.Http.Headers;
using FastApiLearning.TestSupport.Security;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// Password posts and logouts that another site made a browser send are refused (403) before the
/// throttle, the employee store or the hasher is touched. Requests without these headers (curl,
/// server-side clients) and from the service's own pages are not affected.
/// </summary>
public sealed class CrossSiteRequestTests
{
    private const string Refused = "Cross-site requests to this endpoint are refused";

    [TestCase("Origin", "http://evil.example")]
    [TestCase("Origin", "null")]
    [TestCase("Origin", "http://localhost:8080")]
    [TestCase("Origin", "https://localhost")]
    [TestCase("Sec-Fetch-Site", "cross-site")]
    public async Task PostToken_FromAnotherSite_Is403WithoutVerifyingAnything(string header, string value)
    {
        // Arrange
        CountingPasswordHasher? hasher = null;
        using var factory = new ApiFactory(builder => builder.CountPasswordChecks(h => hasher = h));
        using var client = factory.CreateApiClient();

        // Act
        using var response = await client.SendAsync(Login(Forms.Password, (header, value)));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""{"error":"invalid_request","error_description":"{{Refused}}","detail":"{{Refused}}"}"""));
        Assert.That(hasher?.Verified ?? 0, Is.Zero);
    }

    [Test]
    public async Task PostToken_FromAnotherSite_DoesNotMoveTheFailureCount()
    {
        using var factory = new ApiFactory(builder => builder.UseTestClientIp());
        using var client = factory.CreateApiClient();
        for (var i = 0; i < 10; i++)
        {
            using var refused = await client.SendAsync(Login("wrong", ("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site")));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        using var response = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(null, null)]
    [TestCase("Origin", "http://localhost")]
    [TestCase("Sec-Fetch-Site", "same-origin")]
    [TestCase("Sec-Fetch-Site", "none")]
    public async Task PostToken_FromThisServiceOrWithoutBrowserHeaders_IsAnswered(string? header, string? value)
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateApiClient();

        using var response = await client.SendAsync(header is null ? Login(Forms.Password) : Login(Forms.Password, (header, value!)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PostToken_FromAConfiguredAllowedOrigin_IsAnswered()
    {
        using var factory = new ApiFactory(builder => builder.UseSettings(("App:AllowedOrigins:0", "https://www.example.com")));
        using var client = factory.CreateApiClient();

        using var response = await client.SendAsync(Login(Forms.Password, ("Origin", "https://www.example.com")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PostToken_WithAConfiguredPublicOrigin_AcceptsThatOriginAndNotTheRequestsHost()
    {
        using var factory = new ApiFactory(builder => builder.UseSettings(("App:PublicOrigin", "https://login.example.com")));
        using var client = factory.CreateApiClient();

        using var fromPublic = await client.SendAsync(Login(Forms.Password, ("Origin", "https://login.example.com")));
        using var fromHost = await client.SendAsync(Login(Forms.Password, ("Origin", "http://localhost")));

        Assert.That(fromPublic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fromHost.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task PostToken_AnotherGrantFromAnotherSite_IsNotThisRulesBusiness()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateApiClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = Forms.Login(Forms.Behai, Forms.Password, "client_credentials") };
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error\":\"unsupported_grant_type\""));
    }

    [Test]
    public async Task PostToken_BrowserFormFromAnotherSite_Is403WithTheLoginPageAndNoSession()
    {
        using var factory = new ApiFactory();
        using var browser = BrowserClient.For(factory);
        browser.Http.DefaultRequestHeaders.Add("Origin", "http://evil.example");

        using var response = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("This form was sent from another site and has been refused."));
        Assert.That(Responses.SessionCookie(response), Is.Null);
    }

    [Test]
    public async Task PostLogout_FromAnotherSite_Is403AndTheTokenStaysValid()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateApiClient();
        var token = await Forms.GetAccessTokenAsync(client);
        var logout = new HttpRequestMessage(HttpMethod.Post, "/logout");
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        logout.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(logout);
        var me = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var after = await client.SendAsync(me);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Start_WithAPublicOriginThatIsNoOrigin_FailsAndSaysWhy()
    {
        var refused = StartupValidation.Run(("App:PublicOrigin", "https://login.example.com/path"));

        Assert.That(refused?.Message, Does.Contain("App:PublicOrigin"));
    }

    private static HttpRequestMessage Login(string password, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = Forms.Login(Forms.Behai, password) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
