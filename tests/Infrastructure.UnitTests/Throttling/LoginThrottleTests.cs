using FastApiLearning.Infrastructure.Throttling;
using FastApiLearning.Infrastructure.UnitTests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Throttling;

public sealed class LoginThrottleTests
{
    private const string Username = "behai_nguyen@hotmail.com";
    private const string OtherUsername = "pranav.furedi.10198@gmail.com";
    private const string UnknownUsername = "nobody@example.com";
    private const string ClientIp = "203.0.113.7";
    private const string OtherClientIp = "198.51.100.9";

    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private FakeTimeProvider _timeProvider = null!;
    private MemoryDistributedCache _cache = null!;
    private DistributedCacheAttemptCounterStore _counters = null!;

    [SetUp]
    public void SetUp()
    {
        _timeProvider = new FakeTimeProvider(s_now);
        // The cache judges expiry by its own clock, so it must read the same fake time as the throttle.
        _cache = FakeClockCache.Create(_timeProvider);
        _counters = new DistributedCacheAttemptCounterStore(_cache);
    }

    [TearDown]
    public void TearDown() => _counters.Dispose();

    [Test]
    public async Task CheckAsync_WhenNothingFailed_ReturnsNull()
    {
        // Arrange
        var throttle = CreateThrottle();

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenUsernameHasFourFailures_ReturnsNull()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 4);

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenUsernameHasFiveFailures_LocksItForOneMinute()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task CheckAsync_WhenPartOfTheLockHasPassed_ReturnsTheRest()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);
        _timeProvider.Advance(TimeSpan.FromSeconds(20));

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(40)));
    }

    [Test]
    public async Task CheckAsync_WhenFirstLockHasPassed_ReturnsNull()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);
        _timeProvider.Advance(TimeSpan.FromMinutes(1));

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenSixthFailureFollowsFirstLock_LocksForTwoMinutes()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);
        _timeProvider.Advance(TimeSpan.FromMinutes(1));
        await FailAsync(throttle, Username, ClientIp, times: 1);

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public async Task CheckAsync_WhenSeventhFailureFollowsSecondLock_LocksForFourMinutes()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);
        _timeProvider.Advance(TimeSpan.FromMinutes(1));
        await FailAsync(throttle, Username, ClientIp, times: 1);
        _timeProvider.Advance(TimeSpan.FromMinutes(2));
        await FailAsync(throttle, Username, ClientIp, times: 1);

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(4)));
    }

    [TestCase(5, 1)]
    [TestCase(6, 2)]
    [TestCase(7, 4)]
    [TestCase(8, 8)]
    [TestCase(9, 15)]
    public async Task CheckAsync_WhenEachFailureWaitsOutThePreviousLock_DoublesTheLockUpToMaxBackoff(
        int failures, int expectedLockMinutes)
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);
        for (var failure = 6; failure <= failures; failure++)
        {
            await WaitOutLockAsync(throttle, Username);
            await FailAsync(throttle, Username, ClientIp, times: 1);
        }

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(expectedLockMinutes)));
    }

    [Test]
    public async Task CheckAsync_WhenLocksHaveReachedMaxBackoff_KeepThemAtMaxBackoff()
    {
        // Arrange
        // With the default options: a count survives its longest lock, so the cap holds.
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);
        var locks = new List<TimeSpan?>();
        for (var failure = 6; failure <= 12; failure++)
        {
            await WaitOutLockAsync(throttle, Username);
            await FailAsync(throttle, Username, ClientIp, times: 1);
            locks.Add(await throttle.CheckAsync(Username, ClientIp, CancellationToken.None));
        }

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        var expectedMinutes = new[] { 2, 4, 8, 15, 15, 15, 15 };
        Assert.That(locks, Is.EqualTo(expectedMinutes.Select(m => (TimeSpan?)TimeSpan.FromMinutes(m))));
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(15)));
    }

    [Test]
    public async Task RecordSuccessAsync_WhenUsernameIsLocked_ClearsTheLock()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);

        // Act
        await throttle.RecordSuccessAsync(Username, CancellationToken.None);

        // Assert
        Assert.That(await throttle.CheckAsync(Username, ClientIp, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task RecordSuccessAsync_StartsTheCountAgain()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 4);
        await throttle.RecordSuccessAsync(Username, CancellationToken.None);

        // Act
        await FailAsync(throttle, Username, ClientIp, times: 4);

        // Assert
        Assert.That(await throttle.CheckAsync(Username, ClientIp, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenFailuresAreMoreThanWindowApart_DoesNotAccumulateThem()
    {
        // Arrange: further apart than the window plus the longest lock (15 + 15 minutes).
        var throttle = CreateThrottle();
        for (var failure = 1; failure <= 5; failure++)
        {
            if (failure > 1)
            {
                _timeProvider.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
            }

            await FailAsync(throttle, Username, ClientIp, times: 1);
        }

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenEachFailureIsWithinWindowOfTheLast_AccumulatesThemPastOneWindow()
    {
        // Arrange
        var throttle = CreateThrottle();
        for (var failure = 1; failure <= 5; failure++)
        {
            _timeProvider.Advance(TimeSpan.FromMinutes(14));
            await FailAsync(throttle, Username, ClientIp, times: 1);
        }

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task CheckAsync_WhenAnotherUsernameIsLocked_ReturnsNull()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, ClientIp, times: 5);

        // Act
        var retryAfter = await throttle.CheckAsync(OtherUsername, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenUsernameIsLocked_LocksItFromEveryClientIp()
    {
        // Arrange
        var throttle = CreateThrottle();
        for (var failure = 1; failure <= 5; failure++)
        {
            await FailAsync(throttle, Username, $"192.0.2.{failure}", times: 1);
        }

        // Act
        var retryAfter = await throttle.CheckAsync(Username, OtherClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task CheckAsync_WhenUsernameDoesNotExist_ThrottlesItLikeAnExistingOne()
    {
        // Arrange
        var throttle = CreateThrottle();
        var known = new List<TimeSpan?>();
        var unknown = new List<TimeSpan?>();
        for (var failure = 1; failure <= 6; failure++)
        {
            await FailAsync(throttle, Username, ClientIp, times: 1);
            await FailAsync(throttle, UnknownUsername, OtherClientIp, times: 1);
            known.Add(await throttle.CheckAsync(Username, ClientIp, CancellationToken.None));
            unknown.Add(await throttle.CheckAsync(UnknownUsername, OtherClientIp, CancellationToken.None));
        }

        // Act
        _timeProvider.Advance(TimeSpan.FromSeconds(30));
        var knownAfterWait = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);
        var unknownAfterWait = await throttle.CheckAsync(UnknownUsername, OtherClientIp, CancellationToken.None);

        // Assert
        Assert.That(unknown, Is.EqualTo(known));
        Assert.That(known[3], Is.Null);
        Assert.That(known[4], Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(unknownAfterWait, Is.EqualTo(knownAfterWait));
        Assert.That(knownAfterWait, Is.EqualTo(TimeSpan.FromSeconds(90)));
    }

    [Test]
    public async Task CheckAsync_WhenClientIpHas30FailuresWithinAMinute_ThrottlesItUntilTheWindowEnds()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 30, TimeSpan.FromSeconds(1));

        // Act
        var retryAfter = await throttle.CheckAsync("fresh@example.com", ClientIp, CancellationToken.None);

        // Assert
        // The 30th failure came 29 s after the first; the window ends a minute after the first.
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(31)));
    }

    [Test]
    public async Task CheckAsync_WhenClientIpHas29Failures_ReturnsNull()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 29, TimeSpan.FromSeconds(1));

        // Act
        var retryAfter = await throttle.CheckAsync("fresh@example.com", ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenClientIpWindowHasEnded_ReturnsNull()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 30, TimeSpan.FromSeconds(1));
        _timeProvider.SetUtcNow(s_now + TimeSpan.FromMinutes(1));

        // Act
        var retryAfter = await throttle.CheckAsync("fresh@example.com", ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenAnotherClientIpIsThrottled_ReturnsNull()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 30, TimeSpan.FromSeconds(1));

        // Act
        var retryAfter = await throttle.CheckAsync("fresh@example.com", OtherClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenClientIpIsUnknown_NeverThrottlesByClient()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, clientIp: null, times: 31, TimeSpan.Zero);

        // Act
        var withoutIp = await throttle.CheckAsync("fresh@example.com", null, CancellationToken.None);
        var withIp = await throttle.CheckAsync("fresh@example.com", ClientIp, CancellationToken.None);

        // Assert
        Assert.That(withoutIp, Is.Null);
        Assert.That(withIp, Is.Null);
    }

    [Test]
    public async Task CheckAsync_WhenClientLockOutlastsUsernameLock_ReturnsClientWait()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Username, OtherClientIp, times: 5);
        _timeProvider.Advance(TimeSpan.FromSeconds(30));
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 30, TimeSpan.Zero);

        // Act
        var fromThrottledClient = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);
        var fromOtherClient = await throttle.CheckAsync(Username, OtherClientIp, CancellationToken.None);

        // Assert
        Assert.That(fromThrottledClient, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(fromOtherClient, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task CheckAsync_WhenUsernameLockOutlastsClientLock_ReturnsUsernameWait()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 30, TimeSpan.Zero);
        _timeProvider.Advance(TimeSpan.FromSeconds(30));
        await FailAsync(throttle, Username, OtherClientIp, times: 5);

        // Act
        var fromThrottledClient = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);
        var otherUsernameFromThrottledClient = await throttle.CheckAsync(OtherUsername, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(fromThrottledClient, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(otherUsernameFromThrottledClient, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task CheckAsync_WhenDisabled_NeverThrottles()
    {
        // Arrange
        var throttle = CreateThrottle(new ThrottlingOptions { Enabled = false });
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 40, TimeSpan.Zero);
        await FailAsync(throttle, Username, ClientIp, times: 10);

        // Act
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task RecordFailureAsync_WhenDisabled_RecordsNothing()
    {
        // Arrange
        var counters = new Mock<IAttemptCounterStore>();
        var throttle = new LoginThrottle(
            counters.Object, Options.Create(new ThrottlingOptions { Enabled = false }), _timeProvider);

        // Act
        await throttle.RecordFailureAsync(Username, ClientIp, CancellationToken.None);
        await throttle.RecordSuccessAsync(Username, CancellationToken.None);
        var retryAfter = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
        counters.VerifyNoOtherCalls();
    }

    [Test]
    public async Task CheckAsync_WhenThresholdAndBackoffAreConfigured_HonoursThem()
    {
        // Arrange
        var throttle = CreateThrottle(new ThrottlingOptions
        {
            MaxFailuresPerUsername = 2,
            InitialBackoff = TimeSpan.FromSeconds(10),
            MaxBackoff = TimeSpan.FromSeconds(30),
        });
        await FailAsync(throttle, Username, ClientIp, times: 1);
        var afterOne = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);
        await FailAsync(throttle, Username, ClientIp, times: 1);
        var afterTwo = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);
        _timeProvider.Advance(TimeSpan.FromSeconds(10));
        await FailAsync(throttle, Username, ClientIp, times: 1);
        var afterThree = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);
        _timeProvider.Advance(TimeSpan.FromSeconds(20));
        await FailAsync(throttle, Username, ClientIp, times: 1);

        // Act
        var afterFour = await throttle.CheckAsync(Username, ClientIp, CancellationToken.None);

        // Assert
        Assert.That(afterOne, Is.Null);
        Assert.That(afterTwo, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(afterThree, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(afterFour, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task CheckAsync_WhenClientLimitAndWindowAreConfigured_HonoursThem()
    {
        // Arrange
        var throttle = CreateThrottle(new ThrottlingOptions
        {
            MaxFailuresPerClient = 3,
            ClientWindow = TimeSpan.FromSeconds(10),
        });
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 2, TimeSpan.FromSeconds(1));
        var afterTwo = await throttle.CheckAsync("fresh@example.com", ClientIp, CancellationToken.None);
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 1, TimeSpan.FromSeconds(1));

        // Act
        var afterThree = await throttle.CheckAsync("fresh@example.com", ClientIp, CancellationToken.None);

        // Assert
        Assert.That(afterTwo, Is.Null);
        // The window started with the first failure, one second ago.
        Assert.That(afterThree, Is.EqualTo(TimeSpan.FromSeconds(9)));
    }

    private LoginThrottle CreateThrottle(ThrottlingOptions? options = null) =>
        new(_counters, Options.Create(options ?? new ThrottlingOptions()), _timeProvider);

    private static async Task FailAsync(LoginThrottle throttle, string username, string? clientIp, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await throttle.RecordFailureAsync(username, clientIp, CancellationToken.None);
        }
    }

    /// <summary>One failure each for as many usernames, <paramref name="spacing"/> apart, the first now.</summary>
    private async Task FailWithDistinctUsernamesAsync(LoginThrottle throttle, string? clientIp, int times, TimeSpan spacing)
    {
        for (var i = 0; i < times; i++)
        {
            if (i > 0)
            {
                _timeProvider.Advance(spacing);
            }

            await throttle.RecordFailureAsync($"user{i}@example.com", clientIp, CancellationToken.None);
        }
    }

    private async Task WaitOutLockAsync(LoginThrottle throttle, string username)
    {
        var retryAfter = await throttle.CheckAsync(username, ClientIp, CancellationToken.None);
        Assert.That(retryAfter, Is.Not.Null);
        _timeProvider.Advance(retryAfter ?? TimeSpan.Zero);
    }

}
