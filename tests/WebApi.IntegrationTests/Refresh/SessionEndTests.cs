using System.Net.Http.Headers;
using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Refresh.TokenRequests;

namespace FastApiLearning.WebApi.IntegrationTests.Refresh;

/// <summary>
/// Ending a session (a refresh-token family) ends the access tokens issued in it (their <c>sid</c>), not only its
/// refresh tokens: after a reuse, a logout or a revocation, none of them opens <c>/users/me</c> for the rest of
/// its 30 minutes. Another session of the same employee is left alone.
/// </summary>
public sealed class SessionEndTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = new ApiFactory(builder => builder.UseSettings(RegisteredClients));
        _client = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task RefreshTokenReuse_RefusesEveryAccessTokenOfTheSession_AndNoOtherSessions()
    {
        // Arrange: two access tokens of one session (the login's and the rotation's), and another session.
        var (first, used) = await LogInAsync(_client);
        var second = await RotateAsync(used);
        var (otherSession, _) = await LogInAsync(_client);

        // Act
        using var reuse = await RefreshAsync(_client, used);

        // Assert
        Assert.That(await ErrorOfAsync(reuse), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
        Assert.That(await StatusOfMeAsync(_client, first), Is.EqualTo(401));
        Assert.That(await StatusOfMeAsync(_client, second), Is.EqualTo(401));
        Assert.That(await StatusOfMeAsync(_client, otherSession), Is.EqualTo(200));
    }

    [Test]
    public async Task RefreshTokenReuse_MakesTheSessionsAccessTokensInactiveAtIntrospection()
    {
        var (access, used) = await LogInAsync(_client);
        await RotateAsync(used);
        using var _ = await RefreshAsync(_client, used);

        using var response = await PostFormAsync(
            _client, "/introspect", new Dictionary<string, string> { ["token"] = access }, Basic(ConfidentialClient, ClientSecret));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"active":false}"""));
    }

    [Test]
    public async Task Logout_RefusesTheSessionsEarlierAccessTokens_AndNoOtherSessions()
    {
        // Arrange: the logout is sent with the session's newest token; the login's is still out there.
        var (first, refresh) = await LogInAsync(_client);
        var second = await RotateAsync(refresh);
        var (otherSession, _) = await LogInAsync(_client);

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", second);
        using var logout = await _client.SendAsync(request);

        // Assert
        Assert.That((int)logout.StatusCode, Is.EqualTo(204));
        Assert.That(await StatusOfMeAsync(_client, first), Is.EqualTo(401));
        Assert.That(await StatusOfMeAsync(_client, second), Is.EqualTo(401));
        Assert.That(await StatusOfMeAsync(_client, otherSession), Is.EqualTo(200));
    }

    [Test]
    public async Task RevokingTheRefreshToken_RefusesTheSessionsAccessTokens_AndNoOtherSessions()
    {
        var (access, refresh) = await LogInAsync(_client);
        var (otherSession, _) = await LogInAsync(_client);

        using var revoke = await PostFormAsync(_client, "/revoke", new Dictionary<string, string> { ["token"] = refresh });

        Assert.That((int)revoke.StatusCode, Is.EqualTo(200));
        Assert.That(await StatusOfMeAsync(_client, access), Is.EqualTo(401));
        Assert.That(await StatusOfMeAsync(_client, otherSession), Is.EqualTo(200));
    }

    [Test]
    public async Task Revoke_ByAnotherClient_Is400InvalidRequest_AndEndsOnlyALeakedRefreshTokensSession()
    {
        // Arrange: tokens of an anonymous password-grant caller, presented by registered clients. Access tokens
        // first: refused and left alone. Then the refresh token: refused, and its session ends (it has leaked, as
        // /token judges it), so that the 400 tells a thief nothing they can still use.
        var (access, refresh) = await LogInAsync(_client);
        var others = new (string Token, string? Hint, AuthenticationHeaderValue Client)[]
        {
            (access, "access_token", Basic(PublicClient, "")),
            (access, null, Basic(ConfidentialClient, ClientSecret)),
            (refresh, null, Basic(PublicClient, "")),
            (refresh, null, Basic(ConfidentialClient, ClientSecret)),
        };

        var meAfter = new List<int>();
        foreach (var (token, hint, client) in others)
        {
            // Act
            var fields = new Dictionary<string, string> { ["token"] = token };
            if (hint is not null)
            {
                fields["token_type_hint"] = hint;
            }

            using var revoke = await PostFormAsync(_client, "/revoke", fields, client);

            // Assert: RFC 7009 §2.1, the request is refused.
            Assert.That(await ErrorOfAsync(revoke), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_request")), client.Parameter);
            Assert.That(revoke.Headers.CacheControl?.NoStore, Is.True);
            meAfter.Add(await StatusOfMeAsync(_client, access));
        }

        Assert.That(meAfter, Is.EqualTo(new[] { 200, 200, 401, 401 }), "the access token is left alone until its refresh token is presented");
        using var refreshed = await RefreshAsync(_client, refresh);
        Assert.That((int)refreshed.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task Revoke_ByTheClientTheTokensWereIssuedTo_RevokesThem()
    {
        var (access, refresh) = await LogInAsync(_client, clientId: PublicClient, scope: "user:read");

        using var revokeAccess = await PostFormAsync(_client, "/revoke", new Dictionary<string, string> { ["token"] = access, ["client_id"] = PublicClient });
        using var revokeRefresh = await PostFormAsync(_client, "/revoke", new Dictionary<string, string> { ["token"] = refresh }, Basic(PublicClient, ""));
        using var refreshed = await RefreshAsync(_client, refresh, clientId: PublicClient);

        Assert.That(new[] { (int)revokeAccess.StatusCode, (int)revokeRefresh.StatusCode }, Is.All.EqualTo(200));
        Assert.That(await StatusOfMeAsync(_client, access), Is.EqualTo(401));
        Assert.That(await ErrorOfAsync(refreshed), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
    }

    /// <summary>Uses the refresh token once; the new access token.</summary>
    private async Task<string> RotateAsync(string refreshToken)
    {
        using var response = await RefreshAsync(_client, refreshToken);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return (await JsonAsync(response)).GetProperty("access_token").GetString()!;
    }
}
