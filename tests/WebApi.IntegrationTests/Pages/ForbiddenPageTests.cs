using System.Net;
using System.Text.Encodings.Web;
using FastApiLearning.Domain.Employees;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.IntegrationTests.Auth;
using FastApiLearning.WebApi.IntegrationTests.Support;
using FastApiLearning.WebApi.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.IntegrationTests.Pages;

/// <summary>
/// An endpoint's scope policy refuses a browser session with the 403 page, and an API client with RFC 6750's
/// insufficient_scope answer, on a bare app whose principal comes from headers.
/// </summary>
public sealed class ForbiddenPageTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(ClaimsFromHeadersHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ClaimsFromHeadersHandler>(
                ClaimsFromHeadersHandler.SchemeName, null);
        builder.Services.AddScopeAuthorization();
        builder.Services.AddRazorComponents();

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/needs-admin-read", () => "ok").RequireScope(Scopes.AdminRead);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopApp()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Get_FromABrowserSessionWithTooFewScopes_ShowsThe403Page()
    {
        using var request = Request(withSessionCookie: true, accept: "text/html,application/xhtml+xml,*/*;q=0.8");

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(Responses.Header(response, "WWW-Authenticate"), Is.Null);
        Assert.That(await response.Content.ReadAsStringAsync(),
            Does.Contain($"<h1>{ErrorPage.ForbiddenHeading}</h1>").And.Contain(HtmlEncoder.Default.Encode(ErrorPage.ForbiddenMessage(Scopes.AdminRead))));
    }

    [TestCase(true, "application/json", TestName = "Get_FromASessionAskingForJson_AnswersInsufficientScope")]
    [TestCase(false, "text/html", TestName = "Get_WithABearerTokenAskingForHtml_AnswersInsufficientScope")]
    public async Task Get_FromAnApiClient_AnswersInsufficientScope(bool withSessionCookie, string accept)
    {
        using var request = Request(withSessionCookie, accept);

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Responses.Header(response, "WWW-Authenticate"), Is.EqualTo("Bearer error=\"insufficient_scope\", scope=\"admin:read\""));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Not enough permissions"}"""));
    }

    /// <summary>Pranav's principal (user:read); the session cookie's value is not read here, only its presence.</summary>
    private static HttpRequestMessage Request(bool withSessionCookie, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/needs-admin-read");
        request.Headers.Add(ClaimsFromHeadersHandler.SubjectHeader, "10198");
        request.Headers.Add(ClaimsFromHeadersHandler.ScopeHeader, Scopes.UserRead);
        request.Headers.Accept.ParseAdd(accept);
        if (withSessionCookie)
        {
            request.Headers.Add("Cookie", SessionCookie.Name + "=token");
        }
        else
        {
            request.Headers.Authorization = new("Bearer", "token");
        }

        return request;
    }
}
