using FastApiLearning.Infrastructure.Throttling;
using FastApiLearning.Infrastructure.UnitTests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Throttling;

public sealed class DistributedCacheAttemptCounterStoreTests
{
    private const string Key = "throttle:user:behai_nguyen@hotmail.com";
    private const string OtherKey = "throttle:user:pranav.furedi.10198@gmail.com";

    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(15);

    private FakeTimeProvider _timeProvider = null!;
    private MemoryDistributedCache _cache = null!;
    private DistributedCacheAttemptCounterStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _timeProvider = new FakeTimeProvider(s_now);
        // The cache judges expiry by its own clock, so it must read the same fake time as the store.
        _cache = FakeClockCache.Create(_timeProvider);
        _store = new DistributedCacheAttemptCounterStore(_cache);
    }

    [TearDown]
    public void TearDown() => _store.Dispose();

    [Test]
    public async Task GetAsync_WhenKeyIsMissing_ReturnsNull()
    {
        // Act
        var count = await _store.GetAsync(Key, CancellationToken.None);

        // Assert
        Assert.That(count, Is.Null);
    }

    [Test]
    public async Task RecordFailureAsync_WhenCalledRepeatedly_CountsOneTwoThree()
    {
        // Act
        var first = await RecordFailureAsync(sliding: true);
        _timeProvider.Advance(TimeSpan.FromSeconds(1));
        var second = await RecordFailureAsync(sliding: true);
        _timeProvider.Advance(TimeSpan.FromSeconds(1));
        var third = await RecordFailureAsync(sliding: true);

        // Assert
        Assert.That(new[] { first.Failures, second.Failures, third.Failures }, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(third.FirstFailureAt, Is.EqualTo(s_now));
        Assert.That(third.LastFailureAt, Is.EqualTo(s_now.AddSeconds(2)));
    }

    [Test]
    public async Task GetAsync_WhenFailuresWereRecorded_ReturnsWhatWasRecorded()
    {
        // Arrange
        await RecordFailureAsync(sliding: true);
        _timeProvider.Advance(TimeSpan.FromSeconds(1));
        var recorded = await RecordFailureAsync(sliding: true);

        // Act
        var count = await _store.GetAsync(Key, CancellationToken.None);

        // Assert
        Assert.That(count, Is.EqualTo(recorded));
        Assert.That(count, Is.EqualTo(new AttemptCount(2, s_now, s_now.AddSeconds(1))));
    }

    [Test]
    public async Task RecordFailureAsync_WhenSlidingAndEachFailureIsWithinWindowOfLast_KeepsCounting()
    {
        // Arrange
        await RecordFailureAsync(sliding: true);
        _timeProvider.Advance(TimeSpan.FromMinutes(10));
        await RecordFailureAsync(sliding: true);
        _timeProvider.Advance(TimeSpan.FromMinutes(10));

        // Act
        var count = await RecordFailureAsync(sliding: true);

        // Assert
        Assert.That(count.Failures, Is.EqualTo(3));
        Assert.That(count.FirstFailureAt, Is.EqualTo(s_now));
    }

    [Test]
    public async Task RecordFailureAsync_WhenSlidingAndWindowHasPassedSinceLastFailure_StartsAgainAtOne()
    {
        // Arrange
        await RecordFailureAsync(sliding: true);
        _timeProvider.Advance(TimeSpan.FromMinutes(10));
        await RecordFailureAsync(sliding: true);
        _timeProvider.Advance(s_window);

        // Act
        var count = await RecordFailureAsync(sliding: true);

        // Assert
        Assert.That(count, Is.EqualTo(new AttemptCount(1, _timeProvider.GetUtcNow(), _timeProvider.GetUtcNow())));
    }

    [Test]
    public async Task RecordFailureAsync_WhenFixedAndWithinWindowOfFirst_KeepsCounting()
    {
        // Arrange
        await RecordFailureAsync(sliding: false);
        _timeProvider.Advance(s_window - TimeSpan.FromSeconds(1));

        // Act
        var count = await RecordFailureAsync(sliding: false);

        // Assert
        Assert.That(count.Failures, Is.EqualTo(2));
    }

    [Test]
    public async Task RecordFailureAsync_WhenFixedAndWindowHasPassedSinceFirst_StartsAgainAtOne()
    {
        // Arrange
        await RecordFailureAsync(sliding: false);
        _timeProvider.Advance(TimeSpan.FromMinutes(10));
        await RecordFailureAsync(sliding: false);
        _timeProvider.Advance(TimeSpan.FromMinutes(5));

        // Act
        var count = await RecordFailureAsync(sliding: false);

        // Assert
        Assert.That(count, Is.EqualTo(new AttemptCount(1, _timeProvider.GetUtcNow(), _timeProvider.GetUtcNow())));
    }

    [Test]
    public async Task GetAsync_WhenSlidingWindowHasPassedSinceLastFailure_ReturnsNull()
    {
        // Arrange
        await RecordFailureAsync(sliding: true);
        _timeProvider.Advance(TimeSpan.FromMinutes(10));
        await RecordFailureAsync(sliding: true);

        // Act
        _timeProvider.Advance(s_window - TimeSpan.FromMilliseconds(1));
        var beforeExpiry = await _store.GetAsync(Key, CancellationToken.None);
        _timeProvider.Advance(TimeSpan.FromMilliseconds(1));
        var atExpiry = await _store.GetAsync(Key, CancellationToken.None);

        // Assert
        Assert.That(beforeExpiry?.Failures, Is.EqualTo(2));
        Assert.That(atExpiry, Is.Null);
        Assert.That(await _cache.GetAsync(Key, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task GetAsync_WhenFixedWindowHasPassedSinceFirstFailure_ReturnsNull()
    {
        // Arrange
        await RecordFailureAsync(sliding: false);
        _timeProvider.Advance(TimeSpan.FromMinutes(10));
        await RecordFailureAsync(sliding: false);

        // Act
        _timeProvider.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        var beforeExpiry = await _store.GetAsync(Key, CancellationToken.None);
        _timeProvider.Advance(TimeSpan.FromMilliseconds(1));
        var atExpiry = await _store.GetAsync(Key, CancellationToken.None);

        // Assert
        Assert.That(beforeExpiry?.Failures, Is.EqualTo(2));
        Assert.That(atExpiry, Is.Null);
    }

    [Test]
    public async Task ResetAsync_RemovesTheCount()
    {
        // Arrange
        await RecordFailureAsync(sliding: true);
        await RecordFailureAsync(sliding: true);

        // Act
        await _store.ResetAsync(Key, CancellationToken.None);

        // Assert
        Assert.That(await _store.GetAsync(Key, CancellationToken.None), Is.Null);
        Assert.That((await RecordFailureAsync(sliding: true)).Failures, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordFailureAsync_CountsEachKeyApart()
    {
        // Arrange
        await RecordFailureAsync(sliding: true);
        await RecordFailureAsync(sliding: true);

        // Act
        var other = await _store.RecordFailureAsync(OtherKey, _timeProvider.GetUtcNow(), s_window, sliding: true, CancellationToken.None);

        // Assert
        Assert.That(other.Failures, Is.EqualTo(1));
        Assert.That((await _store.GetAsync(Key, CancellationToken.None))?.Failures, Is.EqualTo(2));
    }

    [Test]
    public async Task RecordFailureAsync_WhenCalledConcurrently_LosesNoUpdate()
    {
        // Arrange
        const int Calls = 200;
        var now = _timeProvider.GetUtcNow();

        // Act
        var counts = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => Task.Run(async () =>
            await _store.RecordFailureAsync(Key, now, s_window, sliding: true, CancellationToken.None))));

        // Assert
        Assert.That((await _store.GetAsync(Key, CancellationToken.None))?.Failures, Is.EqualTo(Calls));
        Assert.That(counts.Select(c => c.Failures), Is.EquivalentTo(Enumerable.Range(1, Calls)));
    }

    private ValueTask<AttemptCount> RecordFailureAsync(bool sliding) =>
        _store.RecordFailureAsync(Key, _timeProvider.GetUtcNow(), s_window, sliding, CancellationToken.None);

}
