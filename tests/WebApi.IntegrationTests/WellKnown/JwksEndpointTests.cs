using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Auth;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.IntegrationTests.WellKnown;

/// <summary><c>GET /.well-known/jwks.json</c>: the public ES256 keys, nothing private, no shared secret.</summary>
public sealed class JwksEndpointTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = new ApiFactory(builder => builder.UseSettings(Es256Keys.Settings(withLegacyHs256Key: true)));
        _client = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task GetJwks_WithAnEs256AndAnHs256Key_PublishesThePublicEcKeyOnly()
    {
        using var response = await _client.GetAsync("/.well-known/jwks.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=300"));
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(Es256Keys.Pem);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var kid = new JsonWebToken(await Forms.GetAccessTokenAsync(_client)).Kid;
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""{"keys":[{"kty":"EC","crv":"P-256","x":"{{Base64UrlEncoder.Encode(point.X)}}","y":"{{Base64UrlEncoder.Encode(point.Y)}}","kid":"{{kid}}","use":"sig","alg":"ES256"}]}"""));
    }

    [Test]
    public async Task GetJwks_NeverHoldsThePrivateKeyNorTheHs256Secret()
    {
        using var response = await _client.GetAsync("/.well-known/jwks.json");
        var body = await response.Content.ReadAsStringAsync();

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(Es256Keys.Pem);
        var d = ecdsa.ExportParameters(includePrivateParameters: true).D!;
        var secret = Convert.FromBase64String(TestTokens.SigningKey);
        using var json = JsonDocument.Parse(body);
        var members = json.RootElement.GetProperty("keys").EnumerateArray().SelectMany(key => key.EnumerateObject()).Select(m => m.Name);
        Assert.That(members, Has.None.EqualTo("d").And.None.EqualTo("k"));
        Assert.That(body, Does.Not.Contain(Base64UrlEncoder.Encode(d)).And.Not.Contain(Convert.ToBase64String(d)));
        Assert.That(body, Does.Not.Contain(Base64UrlEncoder.Encode(secret)).And.Not.Contain(TestTokens.SigningKey));
        Assert.That(body, Does.Not.Contain(Es256Keys.LegacyKeyId));
    }

    [Test]
    public async Task GetJwks_WithOnlyAnHs256Key_PublishesNoKey()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync("/.well-known/jwks.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"keys":[]}"""));
    }

    [Test]
    public async Task GetJwks_TheKeyVerifiesATokenOfTheService()
    {
        using var response = await _client.GetAsync("/.well-known/jwks.json");
        var keys = new JsonWebKeySet(await response.Content.ReadAsStringAsync()).GetSigningKeys();
        var token = await Forms.GetAccessTokenAsync(_client);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = TestTokens.Issuer,
            ValidAudience = TestTokens.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });

        Assert.That(result.Exception, Is.Null);
        Assert.That(result.IsValid, Is.True);
    }
}
