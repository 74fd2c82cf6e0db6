using FastApiLearning.WebApi.IntegrationTests.Support;
using static FastApiLearning.WebApi.IntegrationTests.Refresh.TokenRequests;

namespace FastApiLearning.WebApi.IntegrationTests.Refresh;

/// <summary>Unknown refresh tokens are guesses: they count against the sender's address, through the login throttle.</summary>
public sealed class RefreshGuessingTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApp()
    {
        _factory = new ApiFactory(builder => builder.UseTestClientIp());
        _client = _factory.CreateApiClient();
    }

    [TearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task UnknownRefreshTokens_FromOneAddress_AreThrottled_WhileAnotherAddressRefreshes()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client);

        // Act
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            using var guess = await RefreshFromAsync("198.51.100.7", $"guess-{i}");
            statuses.Add((int)guess.StatusCode);
        }

        using var throttled = await RefreshFromAsync("198.51.100.7", "guess-7");
        using var elsewhere = await RefreshFromAsync("198.51.100.8", refresh);

        // Assert
        Assert.That(statuses.Take(5), Is.All.EqualTo(400));
        Assert.That(await ErrorOfAsync(throttled), Is.EqualTo(new HttpStatusCodeAndError(429, "slow_down")));
        Assert.That(throttled.Headers.RetryAfter, Is.Not.Null);
        Assert.That((int)elsewhere.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task GoodRefreshes_FromOneAddress_AreNotCounted()
    {
        var (_, refresh) = await LogInAsync(_client);

        for (var i = 0; i < 8; i++)
        {
            using var response = await RefreshFromAsync("198.51.100.9", refresh);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"refresh {i + 1}");
            refresh = (await JsonAsync(response)).GetProperty("refresh_token").GetString()!;
        }
    }

    [Test]
    public async Task RefreshFromAnotherSite_IsRefused_AndSpendsNothingOfTheVisitorsAddress()
    {
        // A page elsewhere can make its visitors' browsers post refresh guesses without a preflight; counted,
        // they would lock the visitors' address out of logging in.
        var (_, refresh) = await LogInAsync(_client);

        var statuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            using var guess = await RefreshFromAsync("198.51.100.10", $"guess-{i}", fromAnotherSite: true);
            statuses.Add((int)guess.StatusCode);
        }

        using var ownRefresh = await RefreshFromAsync("198.51.100.10", refresh);

        Assert.That(statuses, Is.All.EqualTo(403));
        Assert.That((int)ownRefresh.StatusCode, Is.EqualTo(200), "the address was not throttled by the refused guesses");
    }

    private async Task<HttpResponseMessage> RefreshFromAsync(string ip, string refreshToken, bool fromAnotherSite = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
        };
        request.Headers.Add(TestClientIp.Header, ip);
        if (fromAnotherSite)
        {
            request.Headers.Add("Origin", "https://attacker.example");
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
        }

        return await _client.SendAsync(request);
    }
}
