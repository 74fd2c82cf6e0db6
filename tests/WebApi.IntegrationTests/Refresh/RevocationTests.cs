using System.Globalization;
using FastApiLearning.Application.Employees.RemoveEmployee;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using static FastApiLearning.WebApi.IntegrationTests.Refresh.TokenRequests;

namespace FastApiLearning.WebApi.IntegrationTests.Refresh;

/// <summary><c>POST /revoke</c> (RFC 7009) and <c>POST /introspect</c> (RFC 7662).</summary>
public sealed class RevocationTests
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

    [TestCase(null)]
    [TestCase("refresh_token")]
    [TestCase("access_token")]
    public async Task Revoke_ARefreshToken_EndsItsFamily(string? hint)
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client);

        // Act
        using var revoke = await RevokeAsync(refresh, hint);
        using var refused = await RefreshAsync(_client, refresh);

        // Assert
        Assert.That((int)revoke.StatusCode, Is.EqualTo(200));
        Assert.That(revoke.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(await revoke.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(await ErrorOfAsync(refused), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
    }

    [TestCase(null)]
    [TestCase("refresh_token")]
    public async Task Revoke_AnAccessToken_RefusesIt(string? hint)
    {
        // Arrange
        var (access, refresh) = await LogInAsync(_client);

        // Act
        using var revoke = await RevokeAsync(access, hint);

        // Assert
        Assert.That((int)revoke.StatusCode, Is.EqualTo(200));
        Assert.That(await StatusOfMeAsync(_client, access), Is.EqualTo(401));
        using var refresh2 = await RefreshAsync(_client, refresh);
        Assert.That((int)refresh2.StatusCode, Is.EqualTo(200), "only the access token was revoked");
    }

    [TestCase("not-a-token")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")]
    public async Task Revoke_AnUnknownToken_Answers200(string token)
    {
        using var revoke = await RevokeAsync(token);

        Assert.That((int)revoke.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Revoke_WithoutAToken_IsInvalidRequest()
    {
        using var revoke = await PostFormAsync(_client, "/revoke", new Dictionary<string, string> { ["token_type_hint"] = "access_token" });

        Assert.That(await ErrorOfAsync(revoke), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_request")));
    }

    [Test]
    public async Task Revoke_ByTheConfidentialClientWithAWrongSecret_IsInvalidClient_AndRevokesNothing()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client);

        // Act
        using var revoke = await PostFormAsync(_client, "/revoke", new Dictionary<string, string> { ["token"] = refresh }, Basic(ConfidentialClient, "guess"));
        using var refreshed = await RefreshAsync(_client, refresh);

        // Assert
        Assert.That(await ErrorOfAsync(revoke), Is.EqualTo(new HttpStatusCodeAndError(401, "invalid_client")));
        Assert.That((int)refreshed.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Introspect_AnActiveAccessToken_SaysWhatItCarries()
    {
        // Arrange
        var (access, _) = await LogInAsync(_client, clientId: PublicClient, scope: "user:read");

        // Act
        using var response = await IntrospectAsync(access);

        // Assert
        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(body.GetProperty("active").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo("user:read"));
        Assert.That(body.GetProperty("client_id").GetString(), Is.EqualTo(PublicClient));
        Assert.That(body.GetProperty("sub").GetString(), Is.EqualTo(TestTokens.BehaiEmpNo.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
        Assert.That(body.GetProperty("iss").GetString(), Is.EqualTo(TestTokens.Issuer));
        Assert.That(body.GetProperty("aud").GetString(), Is.EqualTo(TestTokens.Audience));
        // iat as the token has it: whole seconds (not the milliseconds of its iat_ms).
        var iat = new JsonWebToken(access).GetPayloadValue<long>("iat");
        Assert.That(body.GetProperty("iat").GetRawText(), Is.EqualTo(iat.ToString(CultureInfo.InvariantCulture)));
        Assert.That(body.GetProperty("exp").GetInt64() - iat, Is.EqualTo(1800));
    }

    [Test]
    public async Task Introspect_AnActiveRefreshToken_SaysWhatItsFamilyHolds()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client);

        // Act
        using var response = await IntrospectAsync(refresh);

        // Assert
        var body = await JsonAsync(response);
        Assert.That(body.GetProperty("active").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("refresh_token"));
        Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo("user:read user:write"));
        Assert.That(body.TryGetProperty("client_id", out _), Is.False, "an anonymous client's");
    }

    [Test]
    public async Task Introspect_TokensThatWouldBeRefused_AreInactiveAndNothingMore()
    {
        // Arrange: a revoked access token, a used refresh token, one of a revoked family, an unknown one.
        var (access, refresh) = await LogInAsync(_client);
        using var _ = await RevokeAsync(access);
        using var rotated = await RefreshAsync(_client, refresh);
        var (_, revokedFamily) = await LogInAsync(_client);
        using var __ = await RevokeAsync(revokedFamily);

        // Act
        var answers = new List<string>();
        foreach (var token in new[] { access, refresh, revokedFamily, "unknown", TestTokens.Tampered() })
        {
            using var response = await IntrospectAsync(token);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        // Assert
        Assert.That(answers, Is.All.EqualTo("""{"active":false}"""));
    }

    [Test]
    public async Task Introspect_ATokenOfARemovedEmployee_IsInactive()
    {
        // Arrange
        var (access, refresh) = await LogInAsync(_client, Forms.Pranav);

        // Act
        await _factory.Services.GetRequiredService<ISender>().Send(new RemoveEmployeeCommand(Forms.Pranav));
        using var accessAnswer = await IntrospectAsync(access);
        using var refreshAnswer = await IntrospectAsync(refresh);

        // Assert
        Assert.That(await accessAnswer.Content.ReadAsStringAsync(), Is.EqualTo("""{"active":false}"""));
        Assert.That(await refreshAnswer.Content.ReadAsStringAsync(), Is.EqualTo("""{"active":false}"""));
    }

    [Test]
    public async Task Introspect_WithoutConfidentialClientCredentials_IsInvalidClient()
    {
        // Arrange
        var (access, _) = await LogInAsync(_client);
        var attempts = new (string Name, Dictionary<string, string> Fields, System.Net.Http.Headers.AuthenticationHeaderValue? Basic)[]
        {
            ("anonymous", new() { ["token"] = access }, null),
            ("a public client", new() { ["token"] = access, ["client_id"] = PublicClient }, null),
            ("a public client in Basic", new() { ["token"] = access }, Basic(PublicClient, "")),
            ("a wrong secret", new() { ["token"] = access, ["client_id"] = ConfidentialClient, ["client_secret"] = "guess" }, null),
            ("the id alone", new() { ["token"] = access, ["client_id"] = ConfidentialClient }, null),
        };

        foreach (var (name, fields, basic) in attempts)
        {
            // Act
            using var response = await PostFormAsync(_client, "/introspect", fields, basic);

            // Assert
            Assert.That(await ErrorOfAsync(response), Is.EqualTo(new HttpStatusCodeAndError(401, "invalid_client")), name);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("active"), name);
        }
    }

    [Test]
    public async Task Introspect_WithClientSecretPost_Works()
    {
        var (access, _) = await LogInAsync(_client);

        using var response = await PostFormAsync(_client, "/introspect", new Dictionary<string, string>
        {
            ["token"] = access,
            ["client_id"] = ConfidentialClient,
            ["client_secret"] = ClientSecret,
        });

        Assert.That((await JsonAsync(response)).GetProperty("active").GetBoolean(), Is.True);
    }

    private Task<HttpResponseMessage> RevokeAsync(string token, string? hint = null)
    {
        var fields = new Dictionary<string, string> { ["token"] = token };
        if (hint is not null)
        {
            fields["token_type_hint"] = hint;
        }

        return PostFormAsync(_client, "/revoke", fields);
    }

    private Task<HttpResponseMessage> IntrospectAsync(string token) =>
        PostFormAsync(_client, "/introspect", new Dictionary<string, string> { ["token"] = token }, Basic(ConfidentialClient, ClientSecret));
}
