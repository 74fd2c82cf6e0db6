using FastApiLearning.TestSupport.Logging;
using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Refresh.TokenRequests;

namespace FastApiLearning.WebApi.IntegrationTests.Refresh;

/// <summary><c>grant_type=refresh_token</c> at <c>/token</c>: rotation, reuse, clients and scopes.</summary>
public sealed class RefreshGrantTests
{
    private readonly LogCapture _logs = new();
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = new ApiFactory(builder => builder.UseSettings(RegisteredClients).CaptureLogs(_logs));
        _client = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Refresh_WithTheLoginsRefreshToken_RotatesBothTokens()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client);

        // Act
        using var response = await RefreshAsync(_client, refresh);

        // Assert
        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToString());
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "access_token", "token_type", "expires_in", "scope", "refresh_token" }));
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
        Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo("user:read user:write"));
        Assert.That(body.GetProperty("refresh_token").GetString(), Is.Not.EqualTo(refresh).And.Length.EqualTo(43));
        Assert.That(await StatusOfMeAsync(_client, body.GetProperty("access_token").GetString()!), Is.EqualTo(200));
    }

    [Test]
    public async Task Refresh_WithAUsedToken_RevokesTheFamily_SoTheNewTokenIsRefusedToo()
    {
        // Arrange
        var (_, first) = await LogInAsync(_client);
        using var rotated = await RefreshAsync(_client, first);
        var second = (await JsonAsync(rotated)).GetProperty("refresh_token").GetString()!;

        // Act
        using var reuse = await RefreshAsync(_client, first);
        using var afterReuse = await RefreshAsync(_client, second);

        // Assert
        Assert.That(await ErrorOfAsync(reuse), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
        Assert.That(await ErrorOfAsync(afterReuse), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")), "the thief's or the owner's: the family is over");
        Assert.That(_logs.Entries.Select(e => e.EventId.Name), Does.Contain("RefreshTokenReused"));
        SecurityLogAssert.NeverContains(_logs.Entries, first, second);
    }

    [TestCase(null, PublicClient)]
    [TestCase(PublicClient, null)]
    [TestCase(PublicClient, "someone-unregistered")]
    public async Task Refresh_ByAnotherClientThanTheLogins_IsRefusedAndEndsTheFamily(string? loginClient, string? refreshClient)
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client, clientId: loginClient);

        // Act
        using var foreign = await RefreshAsync(_client, refresh, clientId: refreshClient);
        using var owner = await RefreshAsync(_client, refresh, clientId: loginClient);

        // Assert
        Assert.That(await ErrorOfAsync(foreign), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
        Assert.That(await ErrorOfAsync(owner), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")), "a leaked token ends its family");
    }

    [Test]
    public async Task Refresh_ByAPublicClientInBasicWithAnEmptySecret_IsThatClient()
    {
        // Arrange: Duende's client sends the client id in Basic with an empty secret.
        var (_, refresh) = await LogInAsync(_client, basic: Basic(PublicClient, ""));

        // Act
        using var response = await RefreshAsync(_client, refresh, basic: Basic(PublicClient, ""));

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Refresh_ByTheConfidentialClient_NeedsItsSecret()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client, basic: Basic(ConfidentialClient, ClientSecret));

        // Act
        using var withoutSecret = await RefreshAsync(_client, refresh, clientId: ConfidentialClient);
        using var wrongSecret = await RefreshAsync(_client, refresh, basic: Basic(ConfidentialClient, "guess"));
        using var withSecret = await RefreshAsync(_client, refresh, basic: Basic(ConfidentialClient, ClientSecret));

        // Assert
        Assert.That(await ErrorOfAsync(withoutSecret), Is.EqualTo(new HttpStatusCodeAndError(401, "invalid_client")));
        Assert.That(withoutSecret.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic"));
        Assert.That(await ErrorOfAsync(wrongSecret), Is.EqualTo(new HttpStatusCodeAndError(401, "invalid_client")));
        Assert.That((int)withSecret.StatusCode, Is.EqualTo(200), "the token was not touched by the refused attempts");
    }

    [Test]
    public async Task Login_ByTheConfidentialClientWithAWrongSecret_IsInvalidClient()
    {
        using var response = await PostFormAsync(_client, "/token", new Dictionary<string, string>
        {
            ["username"] = Forms.Behai,
            ["password"] = Forms.Password,
            ["client_id"] = ConfidentialClient,
            ["client_secret"] = "guess",
        });

        Assert.That(await ErrorOfAsync(response), Is.EqualTo(new HttpStatusCodeAndError(401, "invalid_client")));
    }

    [Test]
    public async Task Refresh_WithANarrowerScope_NarrowsTheAccessTokenButNotTheFamily()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client);

        // Act
        using var narrowed = await RefreshAsync(_client, refresh, scope: "user:read");
        var next = (await JsonAsync(narrowed)).GetProperty("refresh_token").GetString()!;
        using var full = await RefreshAsync(_client, next);

        // Assert
        Assert.That((await JsonAsync(narrowed)).GetProperty("scope").GetString(), Is.EqualTo("user:read"));
        Assert.That((await JsonAsync(full)).GetProperty("scope").GetString(), Is.EqualTo("user:read user:write"), "RFC 6749 §6: the family keeps its scopes");
    }

    [TestCase("user:write")]
    [TestCase("user:read admin:read")]
    public async Task Refresh_WithAScopeBeyondTheSessions_IsInvalidScope(string scope)
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client, scope: "user:read");

        // Act
        using var widened = await RefreshAsync(_client, refresh, scope: scope);

        // Assert
        Assert.That(await ErrorOfAsync(widened), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_scope")));
    }

    [TestCase("")]
    [TestCase("not-a-refresh-token")]
    public async Task Refresh_WithAnUnknownOrMissingToken_IsRefused(string token)
    {
        using var response = await RefreshAsync(_client, token);

        Assert.That(await ErrorOfAsync(response), Is.EqualTo(new HttpStatusCodeAndError(400, token.Length == 0 ? "invalid_request" : "invalid_grant")));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }
}
