using System.Net.Http.Headers;
using FastApiLearning.Application.Employees.RevokeScopes;
using FastApiLearning.Application.Employees.SetPassword;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using static FastApiLearning.WebApi.IntegrationTests.Refresh.TokenRequests;

namespace FastApiLearning.WebApi.IntegrationTests.Refresh;

/// <summary>What ends a session's refreshing: its logout, "log out everywhere", a password set, a scope revoked.</summary>
public sealed class RefreshEndTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApp()
    {
        _factory = new ApiFactory();
        _client = _factory.CreateApiClient();
    }

    [TearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Logout_WithTheAccessToken_EndsItsSessionsRefresh_ButNotAnotherSessions()
    {
        // Arrange
        var (access, refresh) = await LogInAsync(_client);
        var (_, otherSession) = await LogInAsync(_client);

        // Act
        using var logout = await LogoutAsync(access);
        using var refused = await RefreshAsync(_client, refresh);
        using var other = await RefreshAsync(_client, otherSession);

        // Assert
        Assert.That((int)logout.StatusCode, Is.EqualTo(204));
        Assert.That(await ErrorOfAsync(refused), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
        Assert.That((int)other.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Logout_WithARefreshedAccessToken_EndsTheSameSession()
    {
        // Arrange: the access token of a refresh names the family too.
        var (_, refresh) = await LogInAsync(_client);
        using var rotated = await RefreshAsync(_client, refresh);
        var body = await JsonAsync(rotated);

        // Act
        using var logout = await LogoutAsync(body.GetProperty("access_token").GetString()!);
        using var refused = await RefreshAsync(_client, body.GetProperty("refresh_token").GetString()!);

        // Assert
        Assert.That(await ErrorOfAsync(refused), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
    }

    [Test]
    public async Task LogoutEverywhere_EndsTheRefreshOfEverySession()
    {
        // Arrange
        var (access, _) = await LogInAsync(_client);
        var (_, otherSession) = await LogInAsync(_client);

        // Act
        using var logout = await LogoutAsync(access, everywhere: true);
        using var refused = await RefreshAsync(_client, otherSession);
        var (_, fresh) = await LogInAsync(_client);
        using var afterwards = await RefreshAsync(_client, fresh);

        // Assert
        Assert.That(await ErrorOfAsync(refused), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
        Assert.That((int)afterwards.StatusCode, Is.EqualTo(200), "a login after it refreshes");
    }

    [Test]
    public async Task SetPassword_EndsTheRefreshOfEverySession()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client, Forms.Pranav);

        // Act: as an administrator's command sets it.
        await Sender().Send(new SetPasswordCommand(Forms.Pranav, "a-new-long-enough-password"));
        using var refused = await RefreshAsync(_client, refresh);

        // Assert
        Assert.That(await ErrorOfAsync(refused), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
    }

    [Test]
    public async Task RevokingAScope_EndsTheRefresh_SoTheScopeDoesNotComeBack()
    {
        // Arrange: Be Hai holds user:read and user:write.
        var (_, refresh) = await LogInAsync(_client);

        // Act
        await Sender().Send(new RevokeScopesCommand(Forms.Behai, ["user:write"]));
        using var refused = await RefreshAsync(_client, refresh, scope: "user:write");
        using var refusedWhole = await RefreshAsync(_client, refresh);

        // Assert
        Assert.That(await ErrorOfAsync(refused), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
        Assert.That(await ErrorOfAsync(refusedWhole), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
    }

    private ISender Sender() => _factory.Services.GetRequiredService<ISender>();

    private async Task<HttpResponseMessage> LogoutAsync(string accessToken, bool everywhere = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, everywhere ? "/logout?everywhere=true" : "/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await _client.SendAsync(request);
    }
}
