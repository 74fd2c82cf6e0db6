using System.Net;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

public sealed class OpenApiDocumentTests
{
    private JsonElement _document;

    [OneTimeSetUp]
    public async Task LoadDocument()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateApiClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Test]
    public void Document_DeclaresOAuth2PasswordFlowWithTokenUrl()
    {
        var scheme = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("OAuth2PasswordBearer");

        Assert.That(scheme.GetProperty("type").GetString(), Is.EqualTo("oauth2"));
        Assert.That(scheme.GetProperty("flows").GetProperty("password").GetProperty("tokenUrl").GetString(), Is.EqualTo("/token"));
    }

    [Test]
    public void UsersMe_RequiresTheOAuth2Scheme()
    {
        var operation = _document.GetProperty("paths").GetProperty("/users/me").GetProperty("get");

        Assert.That(operation.GetProperty("security")[0].TryGetProperty("OAuth2PasswordBearer", out _), Is.True);
        Assert.That(operation.GetProperty("responses").TryGetProperty("200", out _), Is.True);
        Assert.That(operation.GetProperty("responses").TryGetProperty("401", out _), Is.True);
    }

    [Test]
    public void Token_DocumentsItsFormFieldsAndAnswers()
    {
        var operation = _document.GetProperty("paths").GetProperty("/token").GetProperty("post");
        var schemaRef = operation.GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/x-www-form-urlencoded").GetProperty("schema").GetProperty("$ref").GetString();
        var form = _document.GetProperty("components").GetProperty("schemas").GetProperty((schemaRef ?? "").Split('/')[^1]);
        var properties = form.GetProperty("properties");

        Assert.That(properties.EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[]
            {
                "grant_type", "username", "password", "scope", "client_id", "client_secret", "refresh_token", "code", "redirect_uri", "code_verifier",
            }));
        Assert.That(properties.GetProperty("password").GetProperty("format").GetString(), Is.EqualTo("password"));
        // Which fields a request needs depends on its grant_type: none is required of every request.
        Assert.That(form.TryGetProperty("required", out _), Is.False);
        Assert.That(properties.GetProperty("refresh_token").GetProperty("description").GetString(), Does.Contain("grant_type=refresh_token"));
        Assert.That(operation.TryGetProperty("security", out _), Is.False, "/token needs no token");
        Assert.That(operation.GetProperty("responses").TryGetProperty("200", out _), Is.True);
        Assert.That(operation.GetProperty("responses").TryGetProperty("400", out _), Is.True);
    }

    [TestCase("/revoke")]
    [TestCase("/introspect")]
    public void RevokeAndIntrospect_DocumentTheirFormAndAnswers(string path)
    {
        var operation = _document.GetProperty("paths").GetProperty(path).GetProperty("post");
        var schemaRef = operation.GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/x-www-form-urlencoded").GetProperty("schema").GetProperty("$ref").GetString();
        var form = _document.GetProperty("components").GetProperty("schemas").GetProperty((schemaRef ?? "").Split('/')[^1]);

        Assert.That(form.GetProperty("properties").EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "token", "token_type_hint", "client_id", "client_secret" }));
        Assert.That(operation.GetProperty("responses").EnumerateObject().Select(r => r.Name), Is.SupersetOf(new[] { "200", "400", "401" }));
        Assert.That(operation.TryGetProperty("security", out _), Is.False, "clients authenticate, not users");
    }
}
