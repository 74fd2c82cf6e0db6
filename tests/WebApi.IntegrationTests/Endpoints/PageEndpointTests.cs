using System.Net;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

public sealed class PageEndpointTests : ApiTest
{
    [Test]
    public async Task GetLogin_ReturnsFormThatPostsThePasswordGrantToToken()
    {
        using var response = await Client.GetAsync("/login");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<title>Log in · FastApiLearning</title>"));
        Assert.That(html, Does.Contain("""<form method="post" action="/token" """));
        Assert.That(html, Does.Match("""<input id="username" name="username" type="email" autocomplete="username"[^>]*>"""));
        Assert.That(html, Does.Match("""<input id="password" name="password" type="password" autocomplete="current-password"[^>]*>"""));
        Assert.That(html, Does.Contain("""<label for="username">""").And.Contain("""<label for="password">"""));
        Assert.That(html, Does.Contain("""<button type="submit">"""));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "no CDN");
    }

    [Test]
    public async Task GetLogin_AnswersWithThePageHeadersAndNoOthers()
    {
        using var response = await Client.GetAsync("/login");

        // Not what the component renderer or the antiforgery token would set on their own.
        Assert.That(Responses.HeaderLines(response, "Date", "Set-Cookie", "Content-Length"), Is.EqualTo(new[]
        {
            "Cache-Control: no-store",
            $"Content-Security-Policy: {SecurityHeadersMiddleware.AppPolicy}",
            "Content-Type: text/html; charset=utf-8",
            "Pragma: no-cache",
            "Referrer-Policy: same-origin",
            "Vary: Cookie",
            "X-Content-Type-Options: nosniff",
            "X-Frame-Options: DENY",
        }));
    }

    [Test]
    public async Task GetStylesheet_IsServedByTheApp()
    {
        using var response = await Client.GetAsync("/css/site.css");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
    }

    [Test]
    public async Task GetRoot_RedirectsToLogin()
    {
        using var response = await Client.GetAsync("/");

        Assert.That((int)response.StatusCode, Is.InRange(300, 399));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/login"));
    }

    [Test]
    public async Task GetDocs_ServesSwaggerUi()
    {
        using var response = await Client.GetAsync("/docs/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
    }

    [Test]
    public async Task GetUnknownPath_ReturnsProblemDetails()
    {
        using var response = await Client.GetAsync("/no-such-page");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
