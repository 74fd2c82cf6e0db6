using System.Net;
using System.Security.Cryptography;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// Key rotation (Jwt:SigningKeys: the first signs, all validate), HS256 pinned, and the clock skew.
/// The new key has 64 bytes so that an HS512 token made with it is a well-formed one.
/// </summary>
public sealed class SigningKeyTests
{
    private static readonly string s_newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private static readonly string s_oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string s_unlistedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = RotatingFactory();
        _client = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task PostToken_WithSeveralKeys_SignsWithTheFirstAndNamesItInKid()
    {
        var token = await Forms.GetAccessTokenAsync(_client);

        var header = new JsonWebToken(token);
        Assert.That(header.Kid, Is.EqualTo("new"));
        Assert.That(header.Alg, Is.EqualTo(SecurityAlgorithms.HmacSha256));
        using var response = await GetMeAsync(_client, token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("new", true)]
    [TestCase("old", false)]
    [TestCase(null, false)]
    public async Task GetMe_WithTokenSignedByAListedKey_IsAccepted(string? keyId, bool newKey)
    {
        var token = TestTokens.Create(key: newKey ? s_newKey : s_oldKey, keyId: keyId);

        using var response = await GetMeAsync(_client, token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("new")]
    [TestCase("old")]
    [TestCase("other")]
    [TestCase(null)]
    public async Task GetMe_WithTokenSignedByAnUnlistedKey_IsRejected(string? keyId)
    {
        var token = TestTokens.Create(key: s_unlistedKey, keyId: keyId);

        using var response = await GetMeAsync(_client, token);

        await AssertInvalidTokenAsync(response);
    }

    [TestCase(SecurityAlgorithms.HmacSha384, "new")]
    [TestCase(SecurityAlgorithms.HmacSha512, "new")]
    [TestCase(SecurityAlgorithms.HmacSha512, null)]
    public async Task GetMe_WithTokenSignedByAListedKeyWithAnotherAlgorithm_IsRejected(string algorithm, string? keyId)
    {
        var token = TestTokens.Create(key: s_newKey, keyId: keyId, algorithm: algorithm);
        Assert.That(new JsonWebToken(token).Alg, Is.EqualTo(algorithm));

        using var response = await GetMeAsync(_client, token);

        await AssertInvalidTokenAsync(response);
    }

    [Test]
    public async Task GetMe_WithTokenExpiredWithinTheDefaultSkew_IsAccepted()
    {
        var token = ExpiredToken(TimeSpan.FromSeconds(20));

        using var response = await GetMeAsync(_client, token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task GetMe_WithTokenExpiredBeyondTheDefaultSkew_IsRejected()
    {
        var token = ExpiredToken(TimeSpan.FromSeconds(60));

        using var response = await GetMeAsync(_client, token);

        await AssertInvalidTokenAsync(response);
    }

    [Test]
    public async Task GetMe_WithNoClockSkewConfigured_RejectsATokenExpiredTwentySecondsAgo()
    {
        using var factory = RotatingFactory(("Jwt:ClockSkew", "00:00:00"));
        using var client = factory.CreateApiClient();
        var token = ExpiredToken(TimeSpan.FromSeconds(20));

        using var response = await GetMeAsync(client, token);

        await AssertInvalidTokenAsync(response);
    }

    private static ApiFactory RotatingFactory(params (string Key, string Value)[] settings) =>
        new(builder => builder
            .UseSettings(
                ("Jwt:SigningKeys:0:Id", "new"),
                ("Jwt:SigningKeys:0:Key", s_newKey),
                ("Jwt:SigningKeys:1:Id", "old"),
                ("Jwt:SigningKeys:1:Key", s_oldKey))
            .UseSettings(settings));

    private static string ExpiredToken(TimeSpan ago) =>
        TestTokens.Create(key: s_oldKey, keyId: "old", notBefore: DateTime.UtcNow.AddMinutes(-30), expires: DateTime.UtcNow - ago);

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
