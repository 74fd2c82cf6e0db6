using System.Net;
using System.Net.Http.Headers;
using FastApiLearning.WebApi.ClientTests.Support;

namespace FastApiLearning.WebApi.ClientTests;

/// <summary>Other services verify our access tokens with the published keys only.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TokenVerifierTests
{
    private ServiceHost _service = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        _service = ServiceHost.StartNew();
        _http = _service.NewHttpClient();
    }

    [OneTimeTearDown]
    public void StopService()
    {
        _http.Dispose();
        _service.Dispose();
    }

    [Test]
    public async Task ResourceServer_WithOurMetadataAddress_AcceptsOurToken_AndRefusesForgedExpiredAndKeyConfusedOnes()
    {
        var token = await Tokens.LogInAsync(_http);
        await using var resourceServer = await ResourceServer.StartAsync(_service.Origin, ServiceHost.Audience);
        using var client = resourceServer.NewClient();

        async Task<(HttpStatusCode Status, string Body)> CallAsync(string bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var ours = await CallAsync(token);
        var forged = await CallAsync(Tokens.Forged(token));
        var expired = await CallAsync(Tokens.Expired(_service));
        var confused = await CallAsync(Tokens.SignedWithThePublicKeyAsHmacSecret(_service));

        Assert.Multiple(() =>
        {
            Assert.That(ours, Is.EqualTo((HttpStatusCode.OK, "500222")));
            Assert.That(forged.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(confused.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task PyJwtsJwkClient_AcceptsOurToken_AndRefusesForgedAndExpiredOnes()
    {
        var token = await Tokens.LogInAsync(_http);

        var seen = await Python.RunAsync(
            "pyjwt_verify.py",
            _service.Origin + "/.well-known/jwks.json",
            _service.Origin,
            ServiceHost.Audience,
            token,
            Tokens.Forged(token),
            Tokens.Expired(_service));

        var results = seen.GetProperty("results").EnumerateArray().Select(result => result.GetString()).ToArray();
        Assert.That(results, Is.EqualTo(new[] { "valid:500222", "InvalidSignatureError", "ExpiredSignatureError" }));
    }

    [Test]
    public async Task TheServiceItself_RefusesExpiredAndKeyConfusedTokens_SignedAsTheTestsCan()
    {
        async Task<HttpStatusCode> MeAsync(string bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }

        var ours = await MeAsync(await Tokens.LogInAsync(_http));
        var expired = await MeAsync(Tokens.Expired(_service));
        var confused = await MeAsync(Tokens.SignedWithThePublicKeyAsHmacSecret(_service));

        Assert.Multiple(() =>
        {
            Assert.That(ours, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(expired, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(confused, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }
}
