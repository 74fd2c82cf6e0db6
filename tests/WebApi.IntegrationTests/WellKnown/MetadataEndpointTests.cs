using System.Net;
using Duende.IdentityModel.Client;
using FastApiLearning.WebApi.IntegrationTests.Auth;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FastApiLearning.WebApi.IntegrationTests.WellKnown;

/// <summary><c>GET /.well-known/oauth-authorization-server</c> (RFC 8414), as written and as a real client reads it.</summary>
public sealed class MetadataEndpointTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = new ApiFactory(builder => builder.UseSettings(Es256Keys.Settings(withLegacyHs256Key: false)));
        _client = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task GetMetadata_ListsTheEndpointsOnTheIssuerAndWhatTheySupport()
    {
        using var response = await _client.GetAsync("/.well-known/oauth-authorization-server");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=300"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """
            {"issuer":"http://localhost",
            "authorization_endpoint":"http://localhost/authorize",
            "token_endpoint":"http://localhost/token",
            "jwks_uri":"http://localhost/.well-known/jwks.json",
            "revocation_endpoint":"http://localhost/revoke",
            "introspection_endpoint":"http://localhost/introspect",
            "scopes_supported":["user:read","user:write","admin:read","admin:write","super:*"],
            "response_types_supported":["code"],
            "grant_types_supported":["password","refresh_token","authorization_code"],
            "code_challenge_methods_supported":["S256"],
            "token_endpoint_auth_methods_supported":["none","client_secret_basic","client_secret_post"],
            "revocation_endpoint_auth_methods_supported":["none","client_secret_basic","client_secret_post"],
            "introspection_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"],
            "authorization_response_iss_parameter_supported":true}
            """.ReplaceLineEndings("")));
    }

    [Test]
    public async Task GetMetadata_IssuerIsTheIssOfTheServicesTokens()
    {
        var token = new JsonWebToken(await Forms.GetAccessTokenAsync(_client));

        var document = await DiscoverAsync(_client);

        Assert.That(document.Issuer, Is.EqualTo(token.Issuer));
    }

    [Test]
    public async Task GetMetadata_WithAnotherPublicOrigin_NamesItAsIssuerAndForEveryEndpoint()
    {
        // Jwt:Issuer (the test factory's) unset: the issuer is then the public origin.
        using var factory = new ApiFactory(builder => builder.UseSettings(("Jwt:Issuer", ""), ("App:PublicOrigin", "https://login.example.com/")));
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync("/.well-known/oauth-authorization-server");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(body, Does.StartWith("""{"issuer":"https://login.example.com","authorization_endpoint":"https://login.example.com/authorize","""));
        Assert.That(body, Does.Contain("\"jwks_uri\":\"https://login.example.com/.well-known/jwks.json\""));
        Assert.That(body, Does.Not.Contain("http://localhost"));
    }

    [Test]
    public async Task GetDiscoveryDocument_DuendesClientWithItsDefaultPolicy_ReadsItAndFindsTheKeys()
    {
        var document = await DiscoverAsync(_client);

        Assert.That(document.IsError, Is.False, document.Error);
        Assert.That(document.TokenEndpoint, Is.EqualTo("http://localhost/token"));
        Assert.That(document.AuthorizeEndpoint, Is.EqualTo("http://localhost/authorize"));
        Assert.That(document.RevocationEndpoint, Is.EqualTo("http://localhost/revoke"));
        Assert.That(document.IntrospectionEndpoint, Is.EqualTo("http://localhost/introspect"));
        Assert.That(document.GrantTypesSupported, Is.EqualTo(new[] { "password", "refresh_token", "authorization_code" }));
        Assert.That(document.CodeChallengeMethodsSupported, Is.EqualTo(new[] { "S256" }));
        var kid = new JsonWebToken(await Forms.GetAccessTokenAsync(_client)).Kid;
        Assert.That(document.KeySet?.Keys.Select(key => (key.Kid, key.Kty, key.Crv, key.Alg, key.Use)),
            Is.EqualTo(new[] { (kid, "EC", "P-256", "ES256", "sig") }));
    }

    [Test]
    public async Task GetDiscoveryDocument_WhenTheAuthorityIsNotTheIssuer_DuendesClientRefusesIt()
    {
        // The check the issuer URL is for (RFC 8414 §3.3): a document naming another issuer is refused.
        using var factory = new ApiFactory(builder => builder.UseSettings(
            [.. Es256Keys.Settings(withLegacyHs256Key: false), ("Jwt:Issuer", "http://localhost/elsewhere")]));
        using var client = factory.CreateApiClient();

        var document = await DiscoverAsync(client);

        Assert.That(document.IsError, Is.True);
        Assert.That(document.Error, Does.Contain("Issuer name does not match authority"));
    }

    /// <summary>Duende's default policy, but for HTTP (the test server's) and RFC 8414's document path.</summary>
    private static async Task<DiscoveryDocumentResponse> DiscoverAsync(HttpClient client) =>
        await client.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = "http://localhost",
            Policy = new DiscoveryPolicy { RequireHttps = false, DiscoveryDocumentPath = "/.well-known/oauth-authorization-server" },
        });
}
