using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;
using static FastApiLearning.WebApi.IntegrationTests.Refresh.TokenRequests;

namespace FastApiLearning.WebApi.IntegrationTests.Refresh;

/// <summary>
/// The browser session refreshing itself from its HttpOnly refresh cookie, server-side, when its access cookie has
/// expired or gone; and its parallel requests with the same cookies, which must never end the session.
/// </summary>
public sealed class BrowserRefreshTests
{
    private const int Parallel = 8;

    private FakeTimeProvider _clock = null!;
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApp()
    {
        _clock = HostSetup.NewClock();
        _factory = new ApiFactory(builder => builder.UseFakeTime(_clock));
        // The cookies of each request are the test's to choose.
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    [TearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Login_SetsTheRefreshCookie_HttpOnlyAndStrict_ExpiringWithTheToken()
    {
        // Act
        using var browser = BrowserClient.For(_factory);
        using var login = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);

        // Assert
        var cookie = SetCookie(login, "fal_refresh");
        Assert.That(cookie, Is.Not.Null);
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase.And.Contain("path=/"));
        var expires = DateTimeOffset.Parse(cookie!.Split("expires=", StringSplitOptions.None)[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(expires, Is.EqualTo(_clock.GetUtcNow() + TimeSpan.FromDays(7)).Within(TimeSpan.FromSeconds(1)));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Request_WithAnExpiredOrMissingAccessCookie_IsRefreshedAndServed(bool withExpiredAccessCookie)
    {
        // Arrange: the token validation's own clock is the real one, so the expired cookie is made, not waited for.
        var (access, refresh) = await BrowserLogInAsync();
        var expired = TestTokens.Create(notBefore: DateTime.UtcNow.AddMinutes(-40), expires: DateTime.UtcNow.AddMinutes(-10));

        // Act
        using var response = await GetMeAsync(withExpiredAccessCookie ? expired : null, refresh);

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var newAccess = CookieValue(response, "fal_session");
        var newRefresh = CookieValue(response, "fal_refresh");
        Assert.That(newAccess, Is.Not.Null.And.Not.EqualTo(access));
        Assert.That(newRefresh, Is.Not.Null.And.Not.EqualTo(refresh));
        Assert.That(SetCookie(response, "fal_session"), Does.Contain("httponly").IgnoreCase);
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task ParallelRequests_WithTheSameExpiredCookies_AreAllServed_AndTheSessionLivesOn()
    {
        // Arrange
        var (_, refresh) = await BrowserLogInAsync();

        // Act: every request leaves with the same cookies before any answer is back.
        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => GetMeAsync(null, refresh)));
        var rotated = responses.Select(r => CookieValue(r, "fal_refresh")).OfType<string>().Where(value => value.Length > 0).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        _clock.Advance(TimeSpan.FromSeconds(11));
        using var later = await GetMeAsync(null, rotated.Single());

        // Assert
        Assert.That(responses.Select(r => (int)r.StatusCode), Is.All.EqualTo(200));
        Assert.That(rotated, Has.Count.EqualTo(1), "one rotation; the others got an access token only");
        Assert.That((int)later.StatusCode, Is.EqualTo(200), "the family was not revoked");
    }

    [Test]
    public async Task TheOldRefreshCookie_AfterTheGrace_IsReuse_AndEndsTheSession()
    {
        // Arrange
        var (_, refresh) = await BrowserLogInAsync();
        using var first = await GetMeAsync(null, refresh);
        var rotated = CookieValue(first, "fal_refresh")!;

        // Act
        _clock.Advance(TimeSpan.FromSeconds(11));
        using var reuse = await GetMeAsync(null, refresh);
        using var owner = await GetMeAsync(null, rotated);

        // Assert
        Assert.That((int)reuse.StatusCode, Is.EqualTo(401));
        Assert.That(SetCookie(reuse, "fal_refresh"), Does.Contain("expires=Thu, 01 Jan 1970"), "the dead cookie is cleared");
        Assert.That((int)owner.StatusCode, Is.EqualTo(401), "the family is revoked");
    }

    [Test]
    public async Task BrowserLogout_EndsTheRefreshFamily()
    {
        // Arrange
        using var browser = BrowserClient.For(_factory);
        using var login = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);
        var refresh = CookieValue(login, "fal_refresh")!;

        // Act
        using var logout = await browser.SubmitLogoutAsync();
        using var afterwards = await GetMeAsync(null, refresh);

        // Assert
        Assert.That((int)logout.StatusCode, Is.EqualTo(303));
        Assert.That(SetCookie(logout, "fal_refresh"), Does.Contain("expires=Thu, 01 Jan 1970"));
        Assert.That((int)afterwards.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task TheRefreshCookie_PresentedAtTheTokenEndpoint_IsAnotherClients_AndEndsTheFamily()
    {
        // Arrange: the browser session's token is bound to the browser session, which no request can claim to be.
        var (_, refresh) = await BrowserLogInAsync();

        // Act
        using var api = await RefreshAsync(_client, refresh, clientId: "browser-session");
        using var browser = await GetMeAsync(null, refresh);

        // Assert
        Assert.That(await ErrorOfAsync(api), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
        Assert.That((int)browser.StatusCode, Is.EqualTo(401));
    }

    private async Task<(string Access, string Refresh)> BrowserLogInAsync()
    {
        using var browser = BrowserClient.For(_factory);
        using var login = await browser.SubmitLoginAsync(Forms.Behai, Forms.Password);
        return (CookieValue(login, "fal_session")!, CookieValue(login, "fal_refresh")!);
    }

    private Task<HttpResponseMessage> GetMeAsync(string? access, string refresh)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Add("Cookie", access is null ? $"fal_refresh={refresh}" : $"fal_session={access}; fal_refresh={refresh}");
        return _client.SendAsync(request);
    }

    private static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.LastOrDefault(value => value.StartsWith(name + "=", StringComparison.Ordinal))
            : null;

    private static string? CookieValue(HttpResponseMessage response, string name) =>
        SetCookie(response, name) is { } cookie ? cookie[(name.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)] : null;
}
