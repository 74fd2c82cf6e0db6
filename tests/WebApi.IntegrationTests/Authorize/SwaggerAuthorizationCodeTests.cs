using System.Net;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Authorize;

/// <summary>Swagger UI offers the authorization-code flow with PKCE beside the password flow, as the public client swagger-ui.</summary>
public sealed class SwaggerAuthorizationCodeTests : ApiTest
{
    [Test]
    public async Task Document_DeclaresTheAuthorizationCodeFlowBesideThePasswordFlow_AsASchemeOfItsOwn()
    {
        using var json = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));
        var schemes = json.RootElement.GetProperty("components").GetProperty("securitySchemes");
        var flows = schemes.GetProperty("OAuth2AuthorizationCode").GetProperty("flows");

        Assert.That(schemes.EnumerateObject().Select(scheme => scheme.Name), Is.EqualTo(new[] { "OAuth2PasswordBearer", "OAuth2AuthorizationCode" }));
        Assert.That(schemes.GetProperty("OAuth2PasswordBearer").GetProperty("flows").EnumerateObject().Select(flow => flow.Name), Is.EqualTo(new[] { "password" }));
        Assert.That(flows.EnumerateObject().Select(flow => flow.Name), Is.EqualTo(new[] { "authorizationCode" }));
        var code = flows.GetProperty("authorizationCode");
        Assert.That(code.GetProperty("authorizationUrl").GetString(), Is.EqualTo("/authorize"));
        Assert.That(code.GetProperty("tokenUrl").GetString(), Is.EqualTo("/token"));
        Assert.That(code.GetProperty("scopes").EnumerateObject().Select(scope => scope.Name),
            Is.EqualTo(new[] { "user:read", "user:write", "admin:read", "admin:write", "super:*" }));
    }

    [Test]
    public async Task ProtectedOperation_AcceptsATokenOfEitherFlow()
    {
        using var json = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));
        var security = json.RootElement.GetProperty("paths").GetProperty("/users/me").GetProperty("get").GetProperty("security");

        Assert.That(security.EnumerateArray().Select(requirement => requirement.EnumerateObject().Single().Name),
            Is.EqualTo(new[] { "OAuth2PasswordBearer", "OAuth2AuthorizationCode" }));
    }

    [Test]
    public async Task SwaggerUi_IsTheClientSwaggerUiWithPkce()
    {
        var script = await Client.GetStringAsync("/docs/index.js");

        Assert.That(script, Does.Contain("\"clientId\":\"swagger-ui\""));
        Assert.That(script, Does.Contain("\"usePkceWithAuthorizationCodeGrant\":true"));
    }

    [Test]
    public async Task OAuth2RedirectPage_IsServedUnderTheDocsPolicyWithItsScriptFromTheSameOrigin()
    {
        using var page = await Client.GetAsync("/docs/oauth2-redirect.html");
        using var script = await Client.GetAsync("/docs/oauth2-redirect.js");
        var html = await page.Content.ReadAsStringAsync();

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("<script src=\"oauth2-redirect.js\"></script>"), "no inline script: script-src 'self' lets it run");
        Assert.That(Responses.Header(page, "Content-Security-Policy"), Is.EqualTo(WebApi.Http.SecurityHeadersMiddleware.SwaggerUiPolicy));
    }
}
