using System.Net;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

/// <summary>
/// A deployment moving from HS256 to ES256: an ES256 key first (new tokens), the HS256 key after it
/// (tokens issued before the move stay good); then the HS256 key removed.
/// </summary>
public sealed class Es256TokenTests
{
    private ApiFactory _moving = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _moving = new ApiFactory(builder => builder.UseSettings(Es256Keys.Settings(withLegacyHs256Key: true)));
        _client = _moving.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _client.Dispose();
        _moving.Dispose();
    }

    [Test]
    public async Task PostToken_WithAnEs256KeyFirst_IssuesAnEs256TokenThatOpensUsersMe()
    {
        var token = await Forms.GetAccessTokenAsync(_client);

        var jwt = new JsonWebToken(token);
        Assert.That(jwt.Alg, Is.EqualTo(SecurityAlgorithms.EcdsaSha256));
        Assert.That(jwt.Kid, Is.Not.Empty.And.Not.EqualTo(Es256Keys.LegacyKeyId));
        Assert.That(jwt.Issuer, Is.EqualTo("http://localhost"));
        Assert.That(jwt.Audiences, Is.EqualTo(new[] { TestTokens.Audience }));
        using var response = await GetMeAsync(_client, token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"emp_no\":500222"));
    }

    [Test]
    public async Task GetMe_WithAnHs256TokenWhileTheHs256KeyIsListedAfterTheEs256One_IsAccepted()
    {
        var token = TestTokens.Create(keyId: Es256Keys.LegacyKeyId);

        using var response = await GetMeAsync(_client, token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task GetMe_WithAnHs256TokenOnceTheHs256KeyIsRemoved_IsRefused()
    {
        using var factory = new ApiFactory(builder => builder.UseSettings(Es256Keys.Settings(withLegacyHs256Key: false)));
        using var client = factory.CreateApiClient();
        var hs256 = TestTokens.Create(keyId: Es256Keys.LegacyKeyId);
        var es256 = await Forms.GetAccessTokenAsync(client);

        using var refused = await GetMeAsync(client, hs256);
        using var accepted = await GetMeAsync(client, es256);

        await AssertInvalidTokenAsync(refused);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task GetMe_WithAnHs256TokenSignedWithTheEcPublicKeyAsSecret_IsRefused(bool underTheEcKeysKid)
    {
        // The public key is public (the JWKS); HS256 is a valid algorithm here, for the legacy key.
        var ecKeyId = new JsonWebToken(await Forms.GetAccessTokenAsync(_client)).Kid;
        var token = TestTokens.Create(key: Convert.ToBase64String(Es256Keys.PublicKeyBytes()), keyId: underTheEcKeysKid ? ecKeyId : null);

        using var response = await GetMeAsync(_client, token);

        await AssertInvalidTokenAsync(response);
    }

    [Test]
    public async Task GetMe_WithATokenTheCacheValidated_IsRefusedOnceItsKeyIsNoLongerTrusted()
    {
        // Arrange: a host of its own, since its keys are changed under it.
        using var factory = new ApiFactory(builder => builder.UseSettings(Es256Keys.Settings(withLegacyHs256Key: true)));
        using var client = factory.CreateApiClient();
        var token = TestTokens.Create(keyId: Es256Keys.LegacyKeyId);
        using var cached = await GetMeAsync(client, token);
        Assert.That(cached.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Act: what the handler trusts from now on: the keys without the HS256 one, as a new
        // configuration would give it. The token's entry is still in the cache.
        var parameters = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys.Where(key => key is not SymmetricSecurityKey)];
        using var retired = await GetMeAsync(client, token);
        using var es256 = await GetMeAsync(client, await Forms.GetAccessTokenAsync(client));

        // Assert
        await AssertInvalidTokenAsync(retired);
        Assert.That(es256.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<HttpResponseMessage> GetMeAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me") { Headers = { Authorization = BrowserClient.Bearer(token) } };
        return await client.SendAsync(request);
    }

    private static async Task AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer error=\"invalid_token\""));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Could not validate credentials"}"""));
    }
}
