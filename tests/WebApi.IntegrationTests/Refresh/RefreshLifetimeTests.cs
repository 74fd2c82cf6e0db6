using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;
using static FastApiLearning.WebApi.IntegrationTests.Refresh.TokenRequests;

namespace FastApiLearning.WebApi.IntegrationTests.Refresh;

/// <summary>The idle lifetime (7 days from the last rotation) and the absolute one (30 days from the login), on a fake clock.</summary>
public sealed class RefreshLifetimeTests
{
    private FakeTimeProvider _clock = null!;
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApp()
    {
        _clock = HostSetup.NewClock();
        _factory = new ApiFactory(builder => builder.UseFakeTime(_clock));
        _client = _factory.CreateApiClient();
    }

    [TearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Refresh_JustWithinTheIdleLifetime_Works_AndJustPastIt_IsRefused()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client);
        var (_, other) = await LogInAsync(_client);

        // Act
        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        using var within = await RefreshAsync(_client, refresh);
        _clock.Advance(TimeSpan.FromSeconds(2));
        using var past = await RefreshAsync(_client, other);

        // Assert
        Assert.That((int)within.StatusCode, Is.EqualTo(200));
        Assert.That(await ErrorOfAsync(past), Is.EqualTo(new HttpStatusCodeAndError(400, "invalid_grant")));
    }

    [Test]
    public async Task Refresh_EverySixDays_StopsAtTheAbsoluteLifetime()
    {
        // Arrange
        var (_, refresh) = await LogInAsync(_client);

        // Act: four rotations, each within the idle lifetime, reach day 24; the fifth is on day 30.
        var statuses = new List<int>();
        for (var day = 6; day <= 30; day += 6)
        {
            _clock.Advance(TimeSpan.FromDays(6));
            using var response = await RefreshAsync(_client, refresh);
            statuses.Add((int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                refresh = (await JsonAsync(response)).GetProperty("refresh_token").GetString()!;
            }
        }

        // Assert
        Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 200, 200, 400 }));
    }
}
