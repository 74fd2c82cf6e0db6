using System.Net;
using System.Text.RegularExpressions;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>The headers that keep a browser from being turned against the app, on pages and error answers alike.</summary>
public sealed partial class SecurityHeadersTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    public enum Page
    {
        Login,
        Home,
        TokenErrorPage,
        SwaggerUi,
    }

    [TestCase(Page.Login)]
    [TestCase(Page.Home)]
    [TestCase(Page.TokenErrorPage)]
    public async Task AppPage_HasAStrictPolicyWithoutAnyUnsafeInline(Page page)
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await OpenAsync(browser, page);

        var policy = await AssertHtmlPageHeadersAsync(response);
        Assert.That(Responses.Header(response, "Content-Security-Policy"), Does.Not.Contain("'unsafe-inline'").And.Not.Contain("'unsafe-eval'"));
        Assert.That(policy["style-src"], Is.EqualTo(new[] { "'self'" }));
        Assert.That(policy["default-src"], Is.EqualTo(new[] { "'self'" }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Not.Match("<script(?![^>]*\\bsrc=)").And.Not.Contain("<style").And.Not.Match("\\sstyle=").And.Not.Match("\\son[a-z]+="),
            "the page itself needs nothing the policy forbids");
    }

    [Test]
    public async Task SwaggerUi_HasAPolicyWithInlineStylesOnly()
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await OpenAsync(browser, Page.SwaggerUi);

        var policy = await AssertHtmlPageHeadersAsync(response);
        Assert.That(policy["style-src"], Does.Contain("'unsafe-inline'"));
        Assert.That(policy.Where(directive => directive.Key != "style-src").SelectMany(directive => directive.Value), Has.None.EqualTo("'unsafe-inline'"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Match("<script(?![^>]*\\bsrc=)"), "Swagger UI runs under the policy: no inline script");
    }

    [Test]
    public async Task GetRootWhenLoggedOut_RedirectCarriesTheHeadersToo()
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.Http.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(Responses.Header(response, "Content-Security-Policy"), Does.Contain("frame-ancestors 'none'"));
        Assert.That(Responses.Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
    }

    [TestCase(Page.Login)]
    [TestCase(Page.Home)]
    [TestCase(Page.TokenErrorPage)]
    [TestCase(Page.SwaggerUi)]
    public async Task Page_OverPlainHttp_HasNoHsts(Page page)
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await OpenAsync(browser, page);

        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False);
    }

    [TestCase(Page.Login)]
    [TestCase(Page.Home)]
    [TestCase(Page.TokenErrorPage)]
    [TestCase(Page.SwaggerUi)]
    public async Task Page_OverHttps_HasHstsForAYear(Page page)
    {
        using var browser = BrowserClient.For(_factory, "https://localhost");

        using var response = await OpenAsync(browser, page);

        var hsts = Responses.Header(response, "Strict-Transport-Security");
        Assert.That(hsts, Is.Not.Null, "Strict-Transport-Security over HTTPS");
        var maxAge = MaxAge().Match(hsts ?? "");
        Assert.That(maxAge.Success, Is.True, $"max-age in {hsts}");
        Assert.That(long.Parse(maxAge.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(31_536_000));
    }

    [TestCase("unknown path", 404, "application/problem+json")]
    [TestCase("wrong password", 400, "application/json")]
    [TestCase("no token", 401, "application/json")]
    [TestCase("oversized form", 413, "application/json")]
    public async Task ErrorAnswer_HasNosniffAndFrameAncestorsNone(string request, int status, string mediaType)
    {
        using var client = _factory.CreateApiClient();

        using var response = request switch
        {
            "wrong password" => await client.PostAsync("/token", Forms.Login(Forms.Pranav, "wrong-password")),
            "oversized form" => await client.PostAsync("/token", Forms.Login(Forms.Pranav, new string('p', 20 * 1024))),
            "no token" => await client.GetAsync("/users/me"),
            _ => await client.GetAsync("/no-such-page"),
        };

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        Assert.That(Responses.Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
        Assert.That(Responses.Header(response, "Content-Security-Policy"), Does.Contain("frame-ancestors 'none'"));
        Assert.That(Responses.Header(response, "Referrer-Policy"), Is.EqualTo("same-origin"));
    }

    private static async Task<HttpResponseMessage> OpenAsync(BrowserClient browser, Page page)
    {
        switch (page)
        {
            case Page.Login:
                return await browser.Http.GetAsync("/login");
            case Page.Home:
                using (var login = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password))
                {
                    Assert.That(login.Headers.Location?.ToString(), Is.EqualTo("/"), "logging in redirects home");
                }

                return await browser.Http.GetAsync("/");
            case Page.TokenErrorPage:
                return await browser.SubmitLoginAsync("not-an-email", "");
            default:
                return await browser.Http.GetAsync("/docs/index.html");
        }
    }

    /// <summary>Asserts what every HTML page carries and returns its policy's directives.</summary>
    private static async Task<Dictionary<string, string[]>> AssertHtmlPageHeadersAsync(HttpResponseMessage response)
    {
        Assert.That((int)response.StatusCode, Is.EqualTo(200).Or.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<html"));
        Assert.That(Responses.Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
        Assert.That(Responses.Header(response, "Referrer-Policy"), Is.EqualTo("same-origin"));
        var header = Responses.Header(response, "Content-Security-Policy");
        Assert.That(header, Is.Not.Null, "Content-Security-Policy");
        var policy = (header ?? "")
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..]);
        Assert.That(policy.ContainsKey("script-src"), Is.True, "script-src (or default-src alone would allow what it allows)");
        Assert.That(policy["script-src"], Is.EqualTo(new[] { "'self'" }));
        Assert.That(policy["frame-ancestors"], Is.EqualTo(new[] { "'none'" }));
        Assert.That(policy["object-src"], Is.EqualTo(new[] { "'none'" }));
        return policy;
    }

    [GeneratedRegex(@"max-age=(?<seconds>\d+)")]
    private static partial Regex MaxAge();
}
