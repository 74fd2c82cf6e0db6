using System.Net;
using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.TestSupport.Logging;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FastApiLearning.WebApi.IntegrationTests.Authorize.OAuthTestClients;

namespace FastApiLearning.WebApi.IntegrationTests.Authorize;

/// <summary>
/// <c>grant_type=authorization_code</c> at <c>/token</c>: once, by the client it was issued to, with its redirect
/// URI and the PKCE verifier of its challenge; a replay revokes what the code bought.
/// </summary>
public sealed class CodeGrantTests
{
    private readonly LogCapture _logs = new();
    private ApiFactory _factory = null!;
    private BrowserClient _browser = null!;
    private HttpClient _api = null!;

    [OneTimeSetUp]
    public async Task StartApp()
    {
        _factory = new ApiFactory(builder => builder.UseTestClients().CaptureLogs(_logs));
        _browser = BrowserClient.For(_factory);
        await _browser.LogInAsync(Forms.Behai);
        _api = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _api.Dispose();
        _browser.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Redeem_WithTheVerifier_AnswersTokensThatOpenUsersMe()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge);

        using var response = await _api.PostAsync("/token", CodeGrant(code, verifier));
        var json = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(json.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
        Assert.That(json.GetProperty("expires_in").GetInt64(), Is.EqualTo(1800));
        Assert.That(json.GetProperty("scope").GetString(), Is.EqualTo("user:read user:write"), "all Behai holds: the client may have super:*");
        Assert.That(json.GetProperty("refresh_token").GetString(), Has.Length.EqualTo(43));
        using var me = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        me.Headers.Authorization = BrowserClient.Bearer(json.GetProperty("access_token").GetString()!);
        using var meResponse = await _api.SendAsync(me);
        Assert.That(meResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await meResponse.Content.ReadAsStringAsync(), Does.Contain(Forms.Behai));
    }

    [Test]
    public async Task Redeem_Twice_RefusesTheReplayAndRevokesTheFamilyTheCodeStarted()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge);
        using var first = await _api.PostAsync("/token", CodeGrant(code, verifier));
        var firstJson = await JsonAsync(first);
        var refreshToken = firstJson.GetProperty("refresh_token").GetString()!;
        var accessToken = firstJson.GetProperty("access_token").GetString()!;
        var store = _factory.Services.GetRequiredService<IRefreshTokenStore>();
        Assert.That((await store.FindAsync(TokenHandles.Hash(refreshToken), CancellationToken.None))?.Family.RevokedAt, Is.Null);
        Assert.That(await StatusOfMeAsync(accessToken), Is.EqualTo(HttpStatusCode.OK));

        using var replay = await _api.PostAsync("/token", CodeGrant(code, verifier));

        await AssertInvalidGrantAsync(replay, "used already");
        Assert.That((await store.FindAsync(TokenHandles.Hash(refreshToken), CancellationToken.None))?.Family.RevokedAt, Is.Not.Null);
        Assert.That(await StatusOfMeAsync(accessToken), Is.EqualTo(HttpStatusCode.Unauthorized), "the access token the code bought ends with its session");
        Assert.That(_logs.Entries.Any(entry => entry.EventId.Name == "AuthorizationCodeReplayed"), Is.True);
        SecurityLogAssert.NeverContains(_logs.Entries, code, verifier, refreshToken);
    }

    [Test]
    public async Task Redeem_ByAnotherClient_IsInvalidGrant()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge);

        using var response = await _api.PostAsync("/token", CodeGrant(code, verifier, clientId: ThirdParty));

        await AssertInvalidGrantAsync(response, "another client");
    }

    [Test]
    public async Task Redeem_WithAnotherRedirectUri_IsInvalidGrant()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge);

        using var response = await _api.PostAsync("/token", CodeGrant(code, verifier, redirectUri: "https://first.example/cb?tenant=2"));

        await AssertInvalidGrantAsync(response, "redirect_uri");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("wrong-verifier-wrong-verifier-wrong-verifier-0")]
    public async Task Redeem_WithAMissingOrWrongVerifier_IsInvalidGrant(string? verifier)
    {
        var code = await GetCodeAsync(_browser, NewPkce().Challenge);

        using var response = await _api.PostAsync("/token", CodeGrant(code, verifier));

        await AssertInvalidGrantAsync(response, "code_verifier does not match");
    }

    [Test]
    public async Task Redeem_WithTheChallengeAsVerifier_IsInvalidGrant()
    {
        // What "plain" would accept: the verifier equal to the challenge.
        var (_, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge);

        using var response = await _api.PostAsync("/token", CodeGrant(code, challenge));

        await AssertInvalidGrantAsync(response, "code_verifier does not match");
    }

    [Test]
    public async Task Redeem_WithAnUnknownCode_IsInvalidGrant()
    {
        using var response = await _api.PostAsync("/token", CodeGrant(TokenHandles.New(), NewPkce().Verifier));

        await AssertInvalidGrantAsync(response, "invalid");
    }

    [Test]
    public async Task Redeem_WithoutCode_IsInvalidRequest()
    {
        using var response = await _api.PostAsync("/token", CodeGrant("", NewPkce().Verifier));
        var json = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        Assert.That(json.GetProperty("detail").GetString(), Is.EqualTo("code is required"));
    }

    [TestCase(null)]
    [TestCase("nobody")]
    public async Task Redeem_WithAnUnknownOrNoClient_Is401InvalidClient(string? clientId)
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge);

        using var response = await _api.PostAsync("/token", CodeGrant(code, verifier, clientId: clientId));
        var json = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(json.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task Redeem_ByAPublicClientInBasicWithAnEmptySecret_Succeeds()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = CodeGrant(code, verifier, clientId: null) };
        request.Headers.Authorization = Basic(FirstParty, "");

        using var response = await _api.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Redeem_ByTheConfidentialClientWithoutItsSecret_Is401()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge, Confidential, ConfidentialRedirect);

        using var response = await _api.PostAsync("/token", CodeGrant(code, verifier, Confidential, ConfidentialRedirect));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await JsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
    }

    [Test]
    public async Task Redeem_ByTheConfidentialClientWithAWrongSecretInBasic_Is401WithABasicChallenge()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge, Confidential, ConfidentialRedirect);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = CodeGrant(code, verifier, null, ConfidentialRedirect) };
        request.Headers.Authorization = Basic(Confidential, "wrong");

        using var response = await _api.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic"));
    }

    [Test]
    public async Task Redeem_ByTheConfidentialClientWithItsSecretInBasic_Succeeds()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge, Confidential, ConfidentialRedirect);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = CodeGrant(code, verifier, null, ConfidentialRedirect) };
        request.Headers.Authorization = Basic(Confidential, ConfidentialSecret);

        using var response = await _api.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await JsonAsync(response)).GetProperty("scope").GetString(), Is.EqualTo("user:read"));
    }

    [Test]
    public async Task Redeem_ByTheConfidentialClientWithItsSecretInTheForm_Succeeds()
    {
        var (verifier, challenge) = NewPkce();
        var code = await GetCodeAsync(_browser, challenge, Confidential, ConfidentialRedirect);

        using var response = await _api.PostAsync("/token", CodeGrant(code, verifier, Confidential, ConfidentialRedirect, ConfidentialSecret));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpStatusCode> StatusOfMeAsync(string accessToken)
    {
        using var me = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        me.Headers.Authorization = BrowserClient.Bearer(accessToken);
        using var response = await _api.SendAsync(me);
        return response.StatusCode;
    }

    private static async Task AssertInvalidGrantAsync(HttpResponseMessage response, string description)
    {
        var json = await JsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json.ToString());
        Assert.That(json.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        Assert.That(json.GetProperty("error_description").GetString(), Does.Contain(description));
        Assert.That(json.GetProperty("detail").GetString(), Is.EqualTo(json.GetProperty("error_description").GetString()));
        Assert.That(json.TryGetProperty("access_token", out _), Is.False);
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }
}
