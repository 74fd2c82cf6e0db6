using FastApiLearning.Infrastructure.Throttling;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Throttling;

public sealed class MemoryAttemptCounterStoreTests
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly AttemptLimits s_limits = new(
        MaxAccountAttempts: 5,
        AccountWindow: TimeSpan.FromMinutes(30),
        InitialBackoff: TimeSpan.FromMinutes(1),
        MaxBackoff: TimeSpan.FromMinutes(15),
        MaxClientAttempts: 30,
        ClientWindow: TimeSpan.FromMinutes(1));

    private FakeTimeProvider _timeProvider = null!;

    [SetUp]
    public void SetUp() => _timeProvider = new FakeTimeProvider(s_now);

    [Test]
    public async Task TryReserveAsync_FromManyThreadsAtOnce_LetsExactlyTheAllowanceThrough()
    {
        // Arrange
        var store = CreateStore();
        var keys = new AttemptKeys("throttle:user:target@example.com", "throttle:ip:192.0.2.1");

        // Act: 300 reservations racing on two cores.
        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ =>
            Task.Run(async () => await store.TryReserveAsync(keys, _timeProvider.GetUtcNow(), s_limits, CancellationToken.None))));

        // Assert
        Assert.That(results.Count(r => r is null), Is.EqualTo(5));
    }

    [Test]
    public async Task TryReserveAsync_WhenTheClientIsLocked_CountsNothingAgainstTheAccount()
    {
        var store = CreateStore();
        var limits = s_limits with { MaxClientAttempts = 1 };
        Assert.That(await store.TryReserveAsync(new AttemptKeys("a", "ip"), s_now, limits, CancellationToken.None), Is.Null);

        for (var i = 0; i < 10; i++)
        {
            Assert.That(await store.TryReserveAsync(new AttemptKeys("b", "ip"), s_now, limits, CancellationToken.None), Is.Not.Null);
        }

        var b = await store.TryReserveAsync(new AttemptKeys("b", null), s_now, limits with { MaxAccountAttempts = 1 }, CancellationToken.None);
        Assert.That(b, Is.Null);
    }

    [Test]
    public async Task ReleaseAsync_GivesOneAttemptBackToBothCounters()
    {
        var store = CreateStore();
        var limits = s_limits with { MaxAccountAttempts = 1, MaxClientAttempts = 1 };
        var keys = new AttemptKeys("account", "client");
        await store.TryReserveAsync(keys, s_now, limits, CancellationToken.None);
        Assert.That(await store.TryReserveAsync(keys, s_now, limits, CancellationToken.None), Is.Not.Null);

        await store.ReleaseAsync(keys, clearAccount: false, CancellationToken.None);

        Assert.That(await store.TryReserveAsync(keys, s_now, limits, CancellationToken.None), Is.Null);
        Assert.That(store.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task ReleaseAsync_WithClearAccount_RemovesTheWholeAccountCount()
    {
        var store = CreateStore();
        var keys = new AttemptKeys("account", null);
        for (var i = 0; i < 4; i++)
        {
            await store.TryReserveAsync(keys, s_now, s_limits, CancellationToken.None);
        }

        await store.ReleaseAsync(keys, clearAccount: true, CancellationToken.None);

        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public async Task TryReserveAsync_NeverHoldsMoreCountersThanItsCapacity()
    {
        // Arrange: as an attacker spraying distinct usernames from distinct addresses would.
        var store = CreateStore(capacity: 1000);

        // Act
        for (var i = 0; i < 5000; i++)
        {
            _timeProvider.Advance(TimeSpan.FromMilliseconds(1));
            await store.TryReserveAsync(
                new AttemptKeys($"throttle:user:user{i}@example.com", $"throttle:ip:10.0.{i / 256}.{i % 256}"),
                _timeProvider.GetUtcNow(),
                s_limits,
                CancellationToken.None);
        }

        // Assert
        Assert.That(store.Count, Is.LessThanOrEqualTo(1000));
    }

    [Test]
    public async Task TryReserveAsync_WhenFull_DropsExpiredCountersBeforeLiveOnes()
    {
        // Arrange: one live lock, then the store filled with counters that expire after a minute.
        var store = CreateStore(capacity: 100);
        var locked = new AttemptKeys("throttle:user:victim@example.com", null);
        for (var i = 0; i < 5; i++)
        {
            await store.TryReserveAsync(locked, s_now, s_limits, CancellationToken.None);
        }

        for (var i = 0; i < 99; i++)
        {
            await store.TryReserveAsync(new AttemptKeys($"short{i}", null), s_now, s_limits with { AccountWindow = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        }

        _timeProvider.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));

        // Act: more counters arrive once the short ones have expired.
        for (var i = 0; i < 50; i++)
        {
            await store.TryReserveAsync(new AttemptKeys($"new{i}", null), _timeProvider.GetUtcNow(), s_limits, CancellationToken.None);
        }

        // Assert: the victim's lock is still there.
        var retryAfter = await store.TryReserveAsync(locked, _timeProvider.GetUtcNow(), s_limits, CancellationToken.None);
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    private MemoryAttemptCounterStore CreateStore(int capacity = 50_000) =>
        new(Options.Create(new ThrottlingOptions { MaxTrackedCounters = capacity }));
}
