using System.Net;
using System.Text.RegularExpressions;
using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Authorize.OAuthTestClients;

namespace FastApiLearning.WebApi.IntegrationTests.Authorize;

/// <summary>A client that is not ours gets a code only after the employee allowed it on the consent page.</summary>
public sealed partial class ConsentTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new ApiFactory(builder => builder.UseTestClients());

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task Authorize_ThirdPartyClient_ShowsTheConsentPageWithTheClientAndTheScopes()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Behai);

        // Behai holds user:read and user:write; the client may have user:read and admin:read: only user:read is asked.
        using var response = await browser.Http.GetAsync(AuthorizePath(ThirdParty, ThirdPartyRedirect));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain(ThirdPartyName));
        Assert.That(html, Does.Contain("<code>user:read</code>: Read your own record"));
        Assert.That(html, Does.Not.Contain("admin:read").And.Not.Contain("user:write"));
        Assert.That(html, Does.Contain("<form method=\"post\" action=\"/authorize\""));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(Responses.Header(response, "Content-Security-Policy"), Does.Contain($"form-action 'self' {ThirdPartyOrigin};"));
    }

    [Test]
    public async Task Consent_Allow_RedirectsWithTheCodeAndTheStateAsSent()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Behai);

        using var response = await AnswerConsentAsync(browser, "allow", state: "consent & state");
        var query = LocationQuery(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Does.StartWith(ThirdPartyRedirect + "?code="));
        Assert.That(query["state"], Is.EqualTo("consent & state"));
        Assert.That(query["iss"], Is.EqualTo(Issuer));
    }

    [Test]
    public async Task Consent_Deny_RedirectsAccessDeniedWithoutACode()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Behai);

        using var response = await AnswerConsentAsync(browser, "deny", state: "d1");
        var query = LocationQuery(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(query["error"], Is.EqualTo("access_denied"));
        Assert.That(query["state"], Is.EqualTo("d1"));
        Assert.That(query.ContainsKey("code"), Is.False);
    }

    [Test]
    public async Task Consent_WithoutAntiforgeryToken_IsRefusedWithoutACode()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Behai);

        using var response = await AnswerConsentAsync(browser, "allow", state: "x", antiforgery: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("This form has expired"));
    }

    [Test]
    public async Task Consent_FromAnotherSite_Is403WithoutACode()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Behai);

        using var response = await AnswerConsentAsync(browser, "allow", state: "x", origin: "https://evil.example");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Headers.Location, Is.Null);
    }

    [Test]
    public async Task Consent_WithTheRedirectUriChangedInTheForm_ShowsAPageAndDoesNotRedirect()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Behai);

        using var response = await AnswerConsentAsync(browser, "allow", state: "x", redirectUri: "https://evil.example/callback");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
    }

    [Test]
    public async Task Authorize_ThirdPartyAskingForScopesTheUserDoesNotHold_AsksTheUserInsteadOfTellingTheClient()
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(Forms.Pranav);

        // The client may have admin:read; Pranav does not hold it. An invalid_scope now would tell the client what
        // Pranav holds before Pranav has said anything.
        using var response = await browser.Http.GetAsync(AuthorizePath(ThirdParty, ThirdPartyRedirect, scope: "admin:read", state: "st"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a page for the employee, no redirect to the client");
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(html, Does.Contain("asks for permissions your account does not have"));
        Assert.That(html, Does.Not.Contain("value=\"allow\""), "nothing to allow");
        Assert.That(html, Does.Contain("value=\"deny\""));
    }

    [Test]
    public async Task Consent_BackFromAPageWithNothingToAllow_RedirectsExactlyAsADenyDoes()
    {
        using var lacking = BrowserClient.For(_factory);
        await lacking.LogInAsync(Forms.Pranav);
        using var holding = BrowserClient.For(_factory);
        await holding.LogInAsync(Forms.Behai);

        // Pranav does not hold admin:read (a page with nothing to allow); Behai holds user:read and says no.
        using var fromLacking = await AnswerConsentAsync(lacking, "deny", state: "s", scope: "admin:read");
        using var fromDenying = await AnswerConsentAsync(holding, "deny", state: "s", scope: "user:read");

        Assert.That(fromLacking.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(LocationQuery(fromLacking)["error"], Is.EqualTo("access_denied"));
        Assert.That(fromLacking.Headers.Location, Is.EqualTo(fromDenying.Headers.Location),
            "the client cannot tell an employee lacking the scope from one who said no");
    }

    /// <summary>Opens the consent page and posts its form back with <paramref name="decision"/>, as the browser would.</summary>
    private static async Task<HttpResponseMessage> AnswerConsentAsync(
        BrowserClient browser, string decision, string state, bool antiforgery = true, string? origin = null, string? redirectUri = null, string? scope = null)
    {
        var (html, token) = await browser.GetPageAsync(AuthorizePath(ThirdParty, ThirdPartyRedirect, scope: scope, state: state));
        var fields = HiddenField().Matches(html)
            .Where(match => match.Groups["name"].Value != "__RequestVerificationToken")
            .ToDictionary(match => match.Groups["name"].Value, match => WebUtility.HtmlDecode(match.Groups["value"].Value));
        Assert.That(fields.GetValueOrDefault("state"), Is.EqualTo(state), html);
        fields["consent"] = decision;
        if (redirectUri is not null)
        {
            fields["redirect_uri"] = redirectUri;
        }

        if (antiforgery)
        {
            fields["__RequestVerificationToken"] = token!;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/authorize") { Content = new FormUrlEncodedContent(fields) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await browser.Http.SendAsync(request);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)" />""")]
    private static partial Regex HiddenField();
}
