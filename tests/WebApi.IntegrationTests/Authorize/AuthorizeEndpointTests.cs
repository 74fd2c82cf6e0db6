using System.Net;
using System.Text.RegularExpressions;
using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Authorize.OAuthTestClients;

namespace FastApiLearning.WebApi.IntegrationTests.Authorize;

/// <summary>
/// <c>GET /authorize</c>: the login page first, a code for a first-party client at once, errors redirected
/// only to a registered redirect URI, and a page (never a redirect) when the client or its URI is in doubt.
/// </summary>
public sealed partial class AuthorizeEndpointTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new ApiFactory(builder => builder.UseTestClients());

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task Authorize_WithoutSession_ShowsTheLoginPageCarryingTheRequest()
    {
        using var browser = BrowserClient.For(_factory);
        var path = AuthorizePath(state: "s1");

        using var response = await browser.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("<form method=\"post\" action=\"/token\""));
        Assert.That(WebUtility.HtmlDecode(ReturnToField().Match(html).Groups["value"].Value), Is.EqualTo(path));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task Authorize_LoginPage_AllowsTheClientsRedirectOriginInFormActionForThatAnswerOnly()
    {
        using var browser = BrowserClient.For(_factory);

        using var authorize = await browser.Http.GetAsync(AuthorizePath());
        using var plainLogin = await browser.Http.GetAsync("/login");

        Assert.That(Responses.Header(authorize, "Content-Security-Policy"), Does.Contain("form-action 'self' https://first.example;"));
        Assert.That(Responses.Header(plainLogin, "Content-Security-Policy"), Does.Contain("form-action 'self';"));
    }

    [Test]
    public async Task Login_FromTheAuthorizeLoginPage_ReturnsToTheRequestWhichRedirectsWithTheCode()
    {
        using var browser = BrowserClient.For(_factory);
        var path = AuthorizePath(state: "round-trip");
        var (html, antiforgery) = await browser.GetPageAsync(path);

        using var login = await browser.Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = Forms.Behai,
            ["password"] = Forms.Password,
            ["return_to"] = WebUtility.HtmlDecode(ReturnToField().Match(html).Groups["value"].Value),
            ["__RequestVerificationToken"] = antiforgery!,
        }));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(login.Headers.Location?.ToString(), Is.EqualTo(path));

        using var authorize = await browser.Http.GetAsync(path);

        Assert.That(authorize.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(authorize.Headers.Location?.ToString(), Does.StartWith(FirstPartyRedirect + "&code="));
        Assert.That(LocationQuery(authorize)["state"], Is.EqualTo("round-trip"));
    }

    [Test]
    public async Task Login_WithWrongPasswordFromTheAuthorizeLoginPage_KeepsTheReturnTargetAndTheFormAction()
    {
        using var browser = BrowserClient.For(_factory);
        var path = AuthorizePath(clientId: ThirdParty, redirectUri: ThirdPartyRedirect);
        var (_, antiforgery) = await browser.GetPageAsync(path);

        using var login = await browser.Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = Forms.Behai,
            ["password"] = "wrong",
            ["return_to"] = path,
            ["__RequestVerificationToken"] = antiforgery!,
        }));
        var html = await login.Content.ReadAsStringAsync();

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(WebUtility.HtmlDecode(ReturnToField().Match(html).Groups["value"].Value), Is.EqualTo(path));
        Assert.That(Responses.Header(login, "Content-Security-Policy"), Does.Contain($"form-action 'self' {ThirdPartyOrigin};"));
    }

    [TestCase("https://evil.example/authorize?x=1")]
    [TestCase("//evil.example/authorize?x=1")]
    [TestCase("/\\evil.example/authorize?x=1")]
    [TestCase("\\\\evil.example/authorize?x=1")]
    [TestCase("/authorize")]
    [TestCase("/authorizex?client_id=a")]
    [TestCase("/Authorize?client_id=a")]
    [TestCase("/authorize?x=1\r\nLocation: https://evil.example")]
    [TestCase("/authorize?x=1#https://evil.example")]
    [TestCase(" /authorize?x=1")]
    [TestCase("javascript:alert(1)//authorize?")]
    [TestCase("/")]
    [TestCase("/authorize?client_id=é")]
    public async Task Login_WithAReturnTargetThatIsNotALocalAuthorizeRequest_GoesHome(string returnTo)
    {
        using var browser = BrowserClient.For(_factory);
        var (_, antiforgery) = await browser.GetPageAsync("/login");

        using var login = await browser.Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = Forms.Pranav,
            ["password"] = Forms.Password,
            ["return_to"] = returnTo,
            ["__RequestVerificationToken"] = antiforgery!,
        }));

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(login.Headers.Location?.ToString(), Is.EqualTo("/"));
    }

    [Test]
    public async Task Authorize_FirstPartyWithSession_RedirectsAtOnceWithCodeStateAndIss()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync();
        // Characters that must come back exactly: spaces, &, =, %, /, +, non-ASCII.
        const string State = "a b&c=d%2F/+é?";

        using var response = await browser.Http.GetAsync(AuthorizePath(state: State));
        var query = LocationQuery(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Does.StartWith(FirstPartyRedirect + "&code="), "appended with & to the registered query");
        Assert.That(query["tenant"], Is.EqualTo("1"));
        Assert.That(query["code"], Has.Length.EqualTo(43));
        Assert.That(query["state"], Is.EqualTo(State));
        Assert.That(query["iss"], Is.EqualTo(Issuer));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task Authorize_WithoutState_LeavesStateOut()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync();

        using var response = await browser.Http.GetAsync(AuthorizePath(state: null));

        Assert.That(LocationQuery(response).Keys, Is.EquivalentTo(new[] { "tenant", "code", "iss" }));
    }

    [Test]
    public async Task Authorize_WithABearerTokenInsteadOfASession_ShowsTheLoginPage()
    {
        using var api = _factory.CreateApiClient();
        api.DefaultRequestHeaders.Authorization = BrowserClient.Bearer(await Forms.GetAccessTokenAsync(api));

        using var response = await api.GetAsync(AuthorizePath());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("action=\"/token\""));
    }

    [Test]
    public async Task Authorize_WithAnApiTokenPutIntoTheSessionCookie_ShowsTheLoginPageAndIssuesNoCode()
    {
        // A password-grant token (or any client's) is not the browser's session: carried in the cookie it would
        // otherwise buy a code for every scope the employee holds, and a refresh family with it.
        using var api = _factory.CreateApiClient();
        var apiToken = await Forms.GetAccessTokenAsync(api);
        using var request = new HttpRequestMessage(HttpMethod.Get, AuthorizePath());
        request.Headers.Add("Cookie", $"{WebApi.Auth.SessionCookie.Name}={apiToken}");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await api.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("action=\"/token\""));
    }

    private static IEnumerable<TestCaseData> UntrustedRequests()
    {
        yield return new TestCaseData("nobody", FirstPartyRedirect).SetName("Authorize_WithUnknownClient_ShowsAPageAndNeverRedirects");
        yield return new TestCaseData(null, FirstPartyRedirect).SetName("Authorize_WithoutClient_ShowsAPage");
        yield return new TestCaseData(FirstParty, null).SetName("Authorize_WithoutRedirectUri_ShowsAPage");
        yield return new TestCaseData(FirstParty, "https://evil.example/cb?tenant=1").SetName("Authorize_WithAnotherHost_ShowsAPage");
        yield return new TestCaseData(FirstParty, "https://first.example/cb?tenant=1&next=https://evil.example").SetName("Authorize_WithAnExtraParameter_ShowsAPage");
        yield return new TestCaseData(FirstParty, "https://first.example/cb").SetName("Authorize_WithoutTheRegisteredQuery_ShowsAPage");
        yield return new TestCaseData(FirstParty, "https://first.example/cb/../../evil?tenant=1").SetName("Authorize_WithDotSegments_ShowsAPage");
        yield return new TestCaseData(FirstParty, "https://FIRST.example/cb?tenant=1").SetName("Authorize_WithOtherCase_ShowsAPage");
        yield return new TestCaseData(FirstParty, "https://first.example.evil.example/cb?tenant=1").SetName("Authorize_WithASuffixedHost_ShowsAPage");
        yield return new TestCaseData(FirstParty, "https://first.example@evil.example/cb?tenant=1").SetName("Authorize_WithUserInfo_ShowsAPage");
        yield return new TestCaseData(FirstParty, "javascript:alert(1)").SetName("Authorize_WithJavascriptUri_ShowsAPage");
        yield return new TestCaseData(ThirdParty, FirstPartyRedirect).SetName("Authorize_WithAnotherClientsRedirectUri_ShowsAPage");
    }

    [TestCaseSource(nameof(UntrustedRequests))]
    public async Task Authorize_WhenTheRedirectCannotBeTrusted_ShowsAnErrorPageAndDoesNotRedirect(string? clientId, string? redirectUri)
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync();

        // Everything else wrong too: the page must win over any redirectable error.
        using var response = await browser.Http.GetAsync(AuthorizePath(clientId, redirectUri, method: "plain"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("Cannot authorize this application"));
        Assert.That(html, Does.Not.Contain("evil.example"), "the untrusted URI is not even linked");
    }

    [Test]
    public async Task Authorize_WithRepeatedClientId_ShowsAPage()
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.Http.GetAsync(AuthorizePath() + "&client_id=" + FirstParty);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
    }

    private static IEnumerable<TestCaseData> RedirectedErrors()
    {
        var valid = NewPkce().Challenge;
        yield return new TestCaseData(AuthorizePath(challenge: valid, method: "plain"), "invalid_request", "plain is not supported")
            .SetName("Authorize_WithPlainMethod_RedirectsInvalidRequest");
        yield return new TestCaseData(AuthorizePath(challenge: valid, method: null), "invalid_request", "code_challenge_method is required")
            .SetName("Authorize_WithoutMethod_RedirectsInvalidRequest");
        yield return new TestCaseData(AuthorizePath(challenge: "", method: "S256"), "invalid_request", "code_challenge is required")
            .SetName("Authorize_WithoutChallenge_RedirectsInvalidRequest");
        yield return new TestCaseData(AuthorizePath(challenge: new string('a', 42)), "invalid_request", "code_challenge must be 43 to 128")
            .SetName("Authorize_WithShortChallenge_RedirectsInvalidRequest");
        yield return new TestCaseData(AuthorizePath(challenge: new string('a', 129)), "invalid_request", "code_challenge must be 43 to 128")
            .SetName("Authorize_WithLongChallenge_RedirectsInvalidRequest");
        yield return new TestCaseData(AuthorizePath(challenge: new string('a', 42) + "+"), "invalid_request", "code_challenge must be")
            .SetName("Authorize_WithChallengeOutsideTheUnreservedSet_RedirectsInvalidRequest");
        yield return new TestCaseData(AuthorizePath(challenge: valid, responseType: "token"), "unsupported_response_type", "response_type must be code")
            .SetName("Authorize_WithTokenResponseType_RedirectsUnsupportedResponseType");
        yield return new TestCaseData(AuthorizePath(challenge: valid, responseType: null), "invalid_request", "response_type is required")
            .SetName("Authorize_WithoutResponseType_RedirectsInvalidRequest");
        yield return new TestCaseData(AuthorizePath(challenge: valid, scope: "root"), "invalid_scope", "scope must be one or more of")
            .SetName("Authorize_WithUnknownScope_RedirectsInvalidScope");
        yield return new TestCaseData(AuthorizePath(challenge: valid) + "&scope=user:read&scope=super:*", "invalid_request", "repeated: scope")
            .SetName("Authorize_WithRepeatedScope_RedirectsInvalidRequest");
        yield return new TestCaseData(AuthorizePath(challenge: valid) + "&code_challenge=" + valid, "invalid_request", "repeated: code_challenge")
            .SetName("Authorize_WithRepeatedChallenge_RedirectsInvalidRequest");
    }

    [TestCaseSource(nameof(RedirectedErrors))]
    public async Task Authorize_WithAnInvalidRequestFromATrustedClient_RedirectsTheError(string path, string error, string description)
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.Http.GetAsync(path);
        var query = LocationQuery(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Does.StartWith(FirstPartyRedirect + "&error="));
        Assert.That(query["error"], Is.EqualTo(error));
        Assert.That(query["error_description"], Does.Contain(description));
        Assert.That(query["iss"], Is.EqualTo(Issuer));
        Assert.That(query.ContainsKey("code"), Is.False);
    }

    [Test]
    public async Task Authorize_ThirdPartyAskingOnlyForScopesItMayNotHave_RedirectsInvalidScopeWithoutConsent()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Behai);

        // Third party may have user:read and admin:read: user:write is refused whoever is logged in, so saying so
        // tells the client nothing about the employee.
        using var response = await browser.Http.GetAsync(AuthorizePath(ThirdParty, ThirdPartyRedirect, scope: "user:write", state: "st"));
        var query = LocationQuery(response);

        Assert.That(query["error"], Is.EqualTo("invalid_scope"));
        Assert.That(query["state"], Is.EqualTo("st"));
    }

    [GeneratedRegex("name=\"return_to\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex ReturnToField();
}
