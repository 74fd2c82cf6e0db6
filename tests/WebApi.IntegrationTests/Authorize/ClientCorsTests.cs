using System.Net;
using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Authorize.OAuthTestClients;

namespace FastApiLearning.WebApi.IntegrationTests.Authorize;

/// <summary>
/// Registered clients' origins get CORS on /token and /revoke (no credentials); every other origin gets none.
/// From such an origin the code grant is answered, the password grant stays a refused cross-site post.
/// </summary>
public sealed class ClientCorsTests
{
    private ApiFactory _factory = null!;
    private HttpClient _api = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = new ApiFactory(builder => builder.UseTestClients());
        _api = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _api.Dispose();
        _factory.Dispose();
    }

    [TestCase("/token")]
    [TestCase("/revoke")]
    public async Task Preflight_FromARegisteredClientOrigin_AllowsPostWithoutCredentials(string path)
    {
        using var response = await _api.SendAsync(Preflight(path, ThirdPartyOrigin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Responses.Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(ThirdPartyOrigin));
        Assert.That(Responses.Header(response, "Access-Control-Allow-Methods"), Is.EqualTo("POST"));
        Assert.That(Responses.Header(response, "Access-Control-Allow-Credentials"), Is.Null);
    }

    [TestCase("/token", "https://evil.example")]
    [TestCase("/token", "https://client.example.evil.example")]
    [TestCase("/token", "http://client.example")]
    [TestCase("/token", "null")]
    [TestCase("/users/me", ThirdPartyOrigin)]
    [TestCase("/authorize", ThirdPartyOrigin)]
    public async Task Preflight_FromAnyOtherOriginOrToAnotherPath_GetsNoCorsHeaders(string path, string origin)
    {
        using var response = await _api.SendAsync(Preflight(path, origin));

        Assert.That(Responses.Header(response, "Access-Control-Allow-Origin"), Is.Null);
        Assert.That(Responses.Header(response, "Access-Control-Allow-Methods"), Is.Null);
    }

    [Test]
    public async Task CodeGrant_FromARegisteredClientOriginCrossSite_IsAnsweredWithCors()
    {
        using var request = CrossSite(ThirdPartyOrigin, CodeGrant(Application.Auth.TokenHandles.New(), NewPkce().Verifier, ThirdParty, ThirdPartyRedirect));

        using var response = await _api.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "answered (an unknown code), not refused as cross-site");
        Assert.That((await JsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        Assert.That(Responses.Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(ThirdPartyOrigin));
    }

    [Test]
    public async Task CodeGrant_FromAnotherSite_Is403WithoutCors()
    {
        using var request = CrossSite("https://evil.example", CodeGrant(Application.Auth.TokenHandles.New(), NewPkce().Verifier, ThirdParty, ThirdPartyRedirect));

        using var response = await _api.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Responses.Header(response, "Access-Control-Allow-Origin"), Is.Null);
    }

    [Test]
    public async Task PasswordGrant_FromARegisteredClientOrigin_StaysRefusedAsCrossSite()
    {
        using var request = CrossSite(ThirdPartyOrigin, Forms.Login(Forms.Behai, Forms.Password));

        using var response = await _api.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("access_token"));
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static HttpRequestMessage CrossSite(string origin, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = content };
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        return request;
    }
}
