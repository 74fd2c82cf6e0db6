using System.Net;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

/// <summary>The browser branch of /token, the session cookie, the pages and logout, without a browser.</summary>
public sealed class BrowserSessionTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task PostToken_FromBrowserForm_SetsSessionCookieAndRedirectsHome()
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/"));
        var cookie = SessionCookie(response);
        Assert.That(cookie, Does.StartWith("fal_session=ey"));
        Assert.That(cookie, Does.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/").And.Contain("expires="));
        Assert.That(cookie, Does.Not.Contain("secure"), "plain HTTP cannot carry a Secure cookie");
        var expires = DateTimeOffset.Parse(cookie.Split("expires=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(expires, Is.EqualTo(DateTimeOffset.UtcNow.AddMinutes(30)).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task PostToken_FromBrowserFormOverHttps_UsesHostPrefixedSecureCookie()
    {
        using var browser = BrowserClient.For(_factory, "https://localhost");

        using var response = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        var cookie = SessionCookie(response, "__Host-fal_session");
        Assert.That(cookie, Does.StartWith("__Host-fal_session=ey").And.Contain("secure").And.Contain("path=/"));
        Assert.That(cookie, Does.Not.Contain("domain="));
        Assert.That(cookie, Does.Contain("httponly"), "scripts cannot read it");
        Assert.That(cookie, Does.Contain("samesite=strict"), "other sites cannot make the browser send it");
    }

    [TestCase("application/json")]
    [TestCase("*/*")]
    [TestCase(null)]
    [TestCase("application/json, text/plain, */*")]
    public async Task PostToken_FromApiClient_AnswersJsonWithoutCookie(string? accept)
    {
        using var client = _factory.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = Forms.Login(Forms.Behai, Forms.Password) };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
    }

    [Test]
    public async Task PostToken_FromBrowserWithWrongPassword_RerendersLoginWithMessageAndEmail()
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.SubmitLoginAsync(Forms.Behai, "wrong-password");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<p class=\"message\" role=\"alert\">Incorrect username or password</p>"));
        Assert.That(html, Does.Contain($"value=\"{Forms.Behai}\""));
        Assert.That(html, Does.Not.Contain("wrong-password"));
        Assert.That(SessionCookieOrNull(response), Is.Null);
    }

    [Test]
    public async Task PostToken_FromBrowserWithInvalidFields_RerendersLoginWithFieldMessages()
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.SubmitLoginAsync("not-an-email", "");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<p class=\"field-error\" id=\"username-error\">username must be an email address</p>"));
        Assert.That(html, Does.Contain("<p class=\"field-error\" id=\"password-error\">password is required</p>"));
        Assert.That(html, Does.Contain("value=\"not-an-email\""));
    }

    [Test]
    public async Task PostToken_FromBrowserWithoutAntiforgeryToken_IsRefusedWithReloadMessage()
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password, withAntiforgery: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("reload the page"));
        Assert.That(SessionCookieOrNull(response), Is.Null);
    }

    [Test]
    public async Task GetHome_WhenLoggedIn_GreetsTheUserWithEmailEmpNoDocsAndLogout()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync();

        using var response = await browser.Http.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<title>Be Hai Doe · FastApiLearning</title>"));
        Assert.That(html, Does.Contain("Hello, Be Hai Doe"));
        // The email as a reader sees it: the <wbr> in it only mark where a narrow screen may wrap it.
        Assert.That(html.Replace("<wbr>", "", StringComparison.Ordinal), Does.Contain($"<dd id=\"email\">{Forms.Behai}</dd>").And.Contain("500222"));
        Assert.That(html, Does.Contain("href=\"/docs\""));
        Assert.That(html, Does.Contain("<form method=\"post\" action=\"/logout\">").And.Contain("__RequestVerificationToken"));
    }

    [Test]
    public async Task GetHome_WhenNotLoggedIn_RedirectsToLogin()
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.Http.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/login"));
    }

    [Test]
    public async Task GetLogin_WhenLoggedIn_RedirectsHome()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync();

        using var response = await browser.Http.GetAsync("/login");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/"));
    }

    [TestCase("/")]
    [TestCase("/login")]
    public async Task ExpiredCookie_SendsToLoginWithMessage_AndClearsTheCookie(string path)
    {
        using var client = _factory.CreateApiClient();
        var expired = TestTokens.Create(expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-35));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"fal_session={expired}");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);
        var html = await FollowToLoginAsync(client, response);

        Assert.That(SessionCookie(response), Does.StartWith("fal_session=;").And.Contain("expires=Thu, 01 Jan 1970"));
        Assert.That(html, Does.Contain("Your session has expired, please log in again"));
    }

    [Test]
    public async Task UsersMe_WithSessionCookieAlone_ReturnsTheUser()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Pranav);

        using var response = await browser.Http.GetAsync("/users/me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("email").GetString(), Is.EqualTo(Forms.Pranav));
    }

    [Test]
    public async Task UsersMe_WithAuthorizationHeader_UsesTheHeaderAndIgnoresTheCookie()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Behai);
        using var api = _factory.CreateApiClient();
        var pranavsToken = await Forms.GetAccessTokenAsync(api, Forms.Pranav);

        using var withGoodHeader = new HttpRequestMessage(HttpMethod.Get, "/users/me") { Headers = { Authorization = BrowserClient.Bearer(pranavsToken) } };
        using var good = await browser.Http.SendAsync(withGoodHeader);
        using var withBadHeader = new HttpRequestMessage(HttpMethod.Get, "/users/me") { Headers = { Authorization = BrowserClient.Bearer("garbage") } };
        using var bad = await browser.Http.SendAsync(withBadHeader);

        using var json = JsonDocument.Parse(await good.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("email").GetString(), Is.EqualTo(Forms.Pranav));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Logout_FromBrowser_RevokesDeletesCookieAndSaysSo()
    {
        using var browser = BrowserClient.For(_factory);
        var token = await browser.LogInAsync();

        using var response = await browser.SubmitLogoutAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/login?notice=logged-out"));
        Assert.That(SessionCookie(response), Does.StartWith("fal_session=;"));
        var (html, _) = await browser.GetPageAsync("/login?notice=logged-out");
        Assert.That(html, Does.Contain("You have been logged out"));
        using var home = await browser.Http.GetAsync("/");
        Assert.That(home.Headers.Location?.ToString(), Is.EqualTo("/login"));
        using var api = _factory.CreateApiClient();
        using var reuse = new HttpRequestMessage(HttpMethod.Get, "/users/me") { Headers = { Authorization = BrowserClient.Bearer(token) } };
        using var reused = await api.SendAsync(reuse);
        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the revoked token opens nothing");
    }

    [Test]
    public async Task Logout_FromBrowserWithoutAntiforgeryToken_IsRefusedAndKeepsTheSession()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync();

        using var response = await browser.SubmitLogoutAsync(withAntiforgery: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        using var home = await browser.Http.GetAsync("/");
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RevokedCookie_SendsTheBrowserBackToLogin()
    {
        using var browser = BrowserClient.For(_factory);
        var token = await browser.LogInAsync();
        using var api = _factory.CreateApiClient();
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout") { Headers = { Authorization = BrowserClient.Bearer(token) } };
        using var loggedOut = await api.SendAsync(logout);
        Assert.That(loggedOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var home = await browser.Http.GetAsync("/");

        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(home.Headers.Location?.ToString(), Is.EqualTo("/login?notice=expired"));
    }

    [Test]
    public async Task Logout_WithBearerToken_Returns204AndTheTokenIsRejectedAfterwards()
    {
        using var api = _factory.CreateApiClient();
        var token = await Forms.GetAccessTokenAsync(api);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout") { Headers = { Authorization = BrowserClient.Bearer(token) } };
        using var response = await api.SendAsync(logout);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/users/me") { Headers = { Authorization = BrowserClient.Bearer(token) } };
        using var after = await api.SendAsync(me);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(after.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer error=\"invalid_token\""));
        Assert.That(await after.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Could not validate credentials"}"""));
    }

    [Test]
    public async Task Logout_WithoutToken_Returns401()
    {
        using var api = _factory.CreateApiClient();

        using var response = await api.PostAsync("/logout", content: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Not authenticated"}"""));
    }

    private static async Task<string> FollowToLoginAsync(HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.SeeOther)
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/login?notice=expired"));
            using var login = await client.GetAsync(response.Headers.Location);
            return await login.Content.ReadAsStringAsync();
        }

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    private static string SessionCookie(HttpResponseMessage response, string name = "fal_session") =>
        SessionCookieOrNull(response, name) ?? throw new AssertionException($"No {name} cookie was set.");

    private static string? SessionCookieOrNull(HttpResponseMessage response, string name = "fal_session") =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(value => value.StartsWith(name + "=", StringComparison.Ordinal))
            : null;
}
