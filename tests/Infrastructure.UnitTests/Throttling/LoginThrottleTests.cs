using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Throttling;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Throttling;

/// <summary>The brute-force policy, on the in-memory store: an attempt that was not given back is a failure.</summary>
public sealed class LoginThrottleTests
{
    private const string Username = "behai_nguyen@hotmail.com";
    private const string OtherUsername = "pranav.furedi.10198@gmail.com";
    private const string ClientIp = "203.0.113.7";
    private const string OtherClientIp = "198.51.100.9";
    private const string Device = "device-of-the-owner";

    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private FakeTimeProvider _timeProvider = null!;

    [SetUp]
    public void SetUp() => _timeProvider = new FakeTimeProvider(s_now);

    [Test]
    public async Task TryBeginAsync_WhenNothingWasTried_LetsTheAttemptGo()
    {
        var throttle = CreateThrottle();

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_AfterFourFailures_LetsTheFifthGo()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(), times: 4);

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_AfterFiveFailures_LocksTheUsernameForOneMinute()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(), times: 5);

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task TryBeginAsync_FiveAttemptsInFlight_LockTheSixthBeforeAnyIsSettled()
    {
        // Arrange: five attempts begun and not yet settled, as in a burst of simultaneous logins.
        var throttle = CreateThrottle();
        for (var i = 0; i < 5; i++)
        {
            Assert.That(await throttle.TryBeginAsync(Attempt(), CancellationToken.None), Is.Null);
        }

        // Act
        var sixth = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        // Assert
        Assert.That(sixth, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task TryBeginAsync_WhenRefused_CountsNothing()
    {
        // Arrange: locked; refused attempts during the lock must not lengthen it.
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(), times: 5);
        for (var i = 0; i < 20; i++)
        {
            await throttle.TryBeginAsync(Attempt(), CancellationToken.None);
        }

        // Act: once the first lock has passed, the next attempt goes ahead.
        _timeProvider.Advance(TimeSpan.FromMinutes(1));
        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_WhenPartOfTheLockHasPassed_ReturnsTheRest()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(), times: 5);
        _timeProvider.Advance(TimeSpan.FromSeconds(20));

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(40)));
    }

    [TestCase(5, 1)]
    [TestCase(6, 2)]
    [TestCase(7, 4)]
    [TestCase(8, 8)]
    [TestCase(9, 15)]
    [TestCase(12, 15)]
    public async Task TryBeginAsync_WhenEachFailureWaitsOutThePreviousLock_DoublesTheLockUpToMaxBackoff(int failures, int expectedMinutes)
    {
        // Arrange
        var throttle = CreateThrottle();
        for (var i = 0; i < failures; i++)
        {
            if (await throttle.TryBeginAsync(Attempt(), CancellationToken.None) is { } wait)
            {
                _timeProvider.Advance(wait);
                Assert.That(await throttle.TryBeginAsync(Attempt(), CancellationToken.None), Is.Null);
            }
        }

        // Act
        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(expectedMinutes)));
    }

    [Test]
    public async Task SucceededAsync_GivesBackOnlyItsOwnAttempt()
    {
        // Arrange: four strangers' failures, then the owner's success (no device cookie).
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(ip: OtherClientIp), times: 4);
        await SucceedAsync(throttle, Attempt());

        // Act: one more failure by the stranger locks the username again.
        await FailAsync(throttle, Attempt(ip: OtherClientIp), times: 1);
        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task SucceededAsync_RepeatedSuccesses_NeverLockTheUsername()
    {
        var throttle = CreateThrottle();
        for (var i = 0; i < 20; i++)
        {
            await SucceedAsync(throttle, Attempt());
        }

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task AbandonAsync_GivesTheAttemptBack()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(), times: 4);
        Assert.That(await throttle.TryBeginAsync(Attempt(), CancellationToken.None), Is.Null);
        await throttle.AbandonAsync(Attempt(), CancellationToken.None);

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_WithDeviceCookie_IsNotLockedByStrangersFailures()
    {
        // Arrange
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(ip: OtherClientIp), times: 5);

        // Act
        var withDevice = await throttle.TryBeginAsync(Attempt(device: Device), CancellationToken.None);
        var withoutDevice = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        // Assert
        Assert.That(withDevice, Is.Null);
        Assert.That(withoutDevice, Is.Not.Null);
    }

    [Test]
    public async Task TryBeginAsync_WithDeviceCookie_HasItsOwnLimit()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(device: Device), times: 5);

        var device = await throttle.TryBeginAsync(Attempt(device: Device), CancellationToken.None);
        var others = await throttle.TryBeginAsync(Attempt(ip: OtherClientIp), CancellationToken.None);

        Assert.That(device, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(others, Is.Null);
    }

    [Test]
    public async Task SucceededAsync_WithDeviceCookie_ClearsTheDevicesCount()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(device: Device), times: 4);
        await SucceedAsync(throttle, Attempt(device: Device));
        await FailAsync(throttle, Attempt(device: Device), times: 4);

        var retryAfter = await throttle.TryBeginAsync(Attempt(device: Device), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_WhenFailuresAreMoreThanTheWindowApart_DoesNotAccumulateThem()
    {
        // Arrange: the count lasts the window plus the longest lock (15 + 15 minutes) after the last failure.
        var throttle = CreateThrottle();
        for (var i = 0; i < 6; i++)
        {
            await FailAsync(throttle, Attempt(), times: 1);
            _timeProvider.Advance(TimeSpan.FromMinutes(30));
        }

        // Act
        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        // Assert
        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_WhenEachFailureIsWithinTheWindowOfTheLast_AccumulatesThem()
    {
        var throttle = CreateThrottle();
        for (var i = 0; i < 5; i++)
        {
            if (i > 0)
            {
                _timeProvider.Advance(TimeSpan.FromMinutes(29));
            }

            await FailAsync(throttle, Attempt(), times: 1);
        }

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task TryBeginAsync_WhenAnotherUsernameIsLocked_LetsTheAttemptGo()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, Attempt(username: OtherUsername, ip: OtherClientIp), times: 5);

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_When30AttemptsCameFromTheClientWithinAMinute_RefusesItUntilTheWindowEnds()
    {
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 30, TimeSpan.FromSeconds(1));

        var retryAfter = await throttle.TryBeginAsync(Attempt(username: "fresh@example.com"), CancellationToken.None);

        // The window started with the first failure, 29 seconds ago.
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(31)));
    }

    [Test]
    public async Task TryBeginAsync_When29AttemptsCameFromTheClient_LetsTheThirtiethGo()
    {
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 29, TimeSpan.Zero);

        var retryAfter = await throttle.TryBeginAsync(Attempt(username: "fresh@example.com"), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_WhenTheClientWindowHasEnded_LetsTheAttemptGo()
    {
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 30, TimeSpan.Zero);
        _timeProvider.Advance(TimeSpan.FromMinutes(1));

        var retryAfter = await throttle.TryBeginAsync(Attempt(username: "fresh@example.com"), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_WhenTheClientIsRefused_DoesNotCountAgainstTheUsername()
    {
        // Arrange: the client is over its limit; its refused attempts on Be Hai's username must cost him nothing.
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, ClientIp, times: 30, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            Assert.That(await throttle.TryBeginAsync(Attempt(), CancellationToken.None), Is.Not.Null);
        }

        // Act
        var fromElsewhere = await throttle.TryBeginAsync(Attempt(ip: OtherClientIp), CancellationToken.None);

        // Assert
        Assert.That(fromElsewhere, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_WhenTheClientIpIsUnknown_NeverRefusesByClient()
    {
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, null, times: 40, TimeSpan.Zero);

        var retryAfter = await throttle.TryBeginAsync(Attempt(username: "fresh@example.com", ip: null), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [TestCase("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7")]
    public async Task TryBeginAsync_CountsAnIPv6SlashSixtyFourAndAnIPv4MappedAddressAsOneClient(string first, string second)
    {
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, first, times: 30, TimeSpan.Zero);

        var retryAfter = await throttle.TryBeginAsync(Attempt(username: "fresh@example.com", ip: second), CancellationToken.None);

        Assert.That(retryAfter, Is.Not.Null);
    }

    [Test]
    public async Task TryBeginAsync_CountsAnotherIPv6SlashSixtyFourApart()
    {
        var throttle = CreateThrottle();
        await FailWithDistinctUsernamesAsync(throttle, "2001:db8:1:2::1", times: 30, TimeSpan.Zero);

        var retryAfter = await throttle.TryBeginAsync(Attempt(username: "fresh@example.com", ip: "2001:db8:1:3::1"), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
    }

    [Test]
    public async Task TryBeginAsync_WhenDisabled_NeverRefusesAndCountsNothing()
    {
        var counters = new MemoryAttemptCounterStore(Options.Create(new ThrottlingOptions()));
        var disabled = new LoginThrottle(counters, Options.Create(new ThrottlingOptions { Enabled = false }), _timeProvider);
        await FailAsync(disabled, Attempt(), times: 10);

        var retryAfter = await disabled.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.Null);
        Assert.That(counters.Count, Is.Zero);
    }

    [Test]
    public async Task TryBeginAsync_WhenThresholdAndBackoffAreConfigured_HonoursThem()
    {
        var throttle = CreateThrottle(new ThrottlingOptions
        {
            MaxFailuresPerUsername = 2,
            InitialBackoff = TimeSpan.FromSeconds(10),
            MaxBackoff = TimeSpan.FromSeconds(30),
        });
        await FailAsync(throttle, Attempt(), times: 2);

        var retryAfter = await throttle.TryBeginAsync(Attempt(), CancellationToken.None);

        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    private LoginThrottle CreateThrottle(ThrottlingOptions? options = null)
    {
        var settings = Options.Create(options ?? new ThrottlingOptions());
        return new LoginThrottle(new MemoryAttemptCounterStore(settings), settings, _timeProvider);
    }

    private static LoginAttempt Attempt(string username = Username, string? ip = ClientIp, string? device = null) =>
        new(username, ip, device);

    /// <summary>Attempts that go ahead and are never given back: wrong passwords.</summary>
    private static async Task FailAsync(LoginThrottle throttle, LoginAttempt attempt, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.That(await throttle.TryBeginAsync(attempt, CancellationToken.None), Is.Null, "an attempt meant to fail was refused");
        }
    }

    private static async Task SucceedAsync(LoginThrottle throttle, LoginAttempt attempt)
    {
        Assert.That(await throttle.TryBeginAsync(attempt, CancellationToken.None), Is.Null, "an attempt meant to succeed was refused");
        await throttle.SucceededAsync(attempt, CancellationToken.None);
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

            await FailAsync(throttle, Attempt(username: $"user{i}@example.com", ip: clientIp), times: 1);
        }
    }
}
