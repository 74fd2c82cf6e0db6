using FastApiLearning.Infrastructure.Security;
using FastApiLearning.Infrastructure.Sessions;
using FastApiLearning.Infrastructure.UnitTests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Sessions;

public sealed class DistributedCacheRevocationStoreTests
{
    private const string TokenId = "0f8fad5bd9cb469fa16570867728950e";
    private const string OtherTokenId = "7c9e6679742540de944be07fc1f90ae7";

    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan s_defaultClockSkew = TimeSpan.FromSeconds(30);

    private FakeTimeProvider _timeProvider = null!;
    private MemoryDistributedCache _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _timeProvider = new FakeTimeProvider(s_now);
        // The cache judges expiry by its own clock, so it must read the same fake time as the store.
        _cache = FakeClockCache.Create(_timeProvider);
    }

    [Test]
    public async Task IsRevokedAsync_WhenTokenWasRevoked_ReturnsTrue()
    {
        // Arrange
        var store = CreateStore();
        await store.RevokeAsync(TokenId, s_now + s_lifetime, CancellationToken.None);

        // Act
        var revoked = await store.IsRevokedAsync(TokenId, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.True);
    }

    [Test]
    public async Task IsRevokedAsync_WhenAnotherTokenWasRevoked_ReturnsFalse()
    {
        // Arrange
        var store = CreateStore();
        await store.RevokeAsync(TokenId, s_now + s_lifetime, CancellationToken.None);

        // Act
        var revoked = await store.IsRevokedAsync(OtherTokenId, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.False);
    }

    [Test]
    public async Task IsRevokedAsync_WhenNothingWasRevoked_ReturnsFalse()
    {
        // Arrange
        var store = CreateStore();

        // Act
        var revoked = await store.IsRevokedAsync(TokenId, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.False);
    }

    [Test]
    public async Task IsRevokedAsync_WhenTokenHasExpiredButIsWithinClockSkew_ReturnsTrue()
    {
        // Arrange
        var store = CreateStore();
        await store.RevokeAsync(TokenId, s_now + s_lifetime, CancellationToken.None);
        _timeProvider.Advance(s_lifetime + s_defaultClockSkew - TimeSpan.FromSeconds(1));

        // Act
        var revoked = await store.IsRevokedAsync(TokenId, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.True);
    }

    [Test]
    public async Task IsRevokedAsync_WhenExpiryAndClockSkewHavePassed_ReturnsFalse()
    {
        // Arrange
        var store = CreateStore();
        await store.RevokeAsync(TokenId, s_now + s_lifetime, CancellationToken.None);
        _timeProvider.Advance(s_lifetime + s_defaultClockSkew);

        // Act
        var revoked = await store.IsRevokedAsync(TokenId, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.False);
        Assert.That(_cache.Get("revoked:" + TokenId), Is.Null);
    }

    [Test]
    public async Task IsRevokedAsync_WhenClockSkewIsConfigured_KeepsEntryForThatSkew()
    {
        // Arrange
        var clockSkew = TimeSpan.FromMinutes(2);
        var store = CreateStore(clockSkew);
        await store.RevokeAsync(TokenId, s_now + s_lifetime, CancellationToken.None);
        _timeProvider.Advance(s_lifetime + clockSkew - TimeSpan.FromSeconds(1));

        // Act
        var revokedBeforeSkewEnds = await store.IsRevokedAsync(TokenId, CancellationToken.None);
        _timeProvider.Advance(TimeSpan.FromSeconds(1));
        var revokedAfterSkewEnds = await store.IsRevokedAsync(TokenId, CancellationToken.None);

        // Assert
        Assert.That(revokedBeforeSkewEnds, Is.True);
        Assert.That(revokedAfterSkewEnds, Is.False);
    }

    [Test]
    public async Task RevokeAsync_WhenTokenHasExpiredButIsWithinClockSkew_StillRevokesIt()
    {
        // Arrange
        var store = CreateStore();
        var expiresAt = s_now - s_defaultClockSkew + TimeSpan.FromSeconds(1);

        // Act
        await store.RevokeAsync(TokenId, expiresAt, CancellationToken.None);

        // Assert
        Assert.That(await store.IsRevokedAsync(TokenId, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task RevokeAsync_WhenExpiryAndClockSkewArePast_WritesNothing()
    {
        // Arrange
        var store = CreateStore();
        var expiresAt = s_now - s_defaultClockSkew - TimeSpan.FromSeconds(1);

        // Act
        await store.RevokeAsync(TokenId, expiresAt, CancellationToken.None);

        // Assert
        Assert.That(await store.IsRevokedAsync(TokenId, CancellationToken.None), Is.False);
        Assert.That(_cache.Get("revoked:" + TokenId), Is.Null);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3600)]
    public async Task RevokeAsync_WhenExpiryAndClockSkewArePastOrNow_DoesNotCallCache(int secondsPastSkew)
    {
        // Arrange
        var cache = new Mock<IDistributedCache>();
        var store = CreateStore(cache.Object);
        var expiresAt = s_now - s_defaultClockSkew - TimeSpan.FromSeconds(secondsPastSkew);

        // Act
        await store.RevokeAsync(TokenId, expiresAt, CancellationToken.None);

        // Assert
        cache.Verify(
            c => c.SetAsync(
                It.IsAny<string>(),
                It.IsAny<byte[]>(),
                It.IsAny<DistributedCacheEntryOptions>(),
                It.IsAny<CancellationToken>()),
            Times.Never);
        cache.VerifyNoOtherCalls();
    }

    [Test]
    public async Task RevokeAsync_WritesEntryExpiringAtExpiryPlusClockSkew()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var cache = new Mock<IDistributedCache>();
        var store = CreateStore(cache.Object);
        var expiresAt = s_now + s_lifetime;

        // Act
        await store.RevokeAsync(TokenId, expiresAt, cancellation.Token);

        // Assert
        cache.Verify(
            c => c.SetAsync(
                "revoked:" + TokenId,
                It.Is<byte[]>(value => value.Length > 0),
                It.Is<DistributedCacheEntryOptions>(options =>
                    options.AbsoluteExpiration == expiresAt + s_defaultClockSkew
                    && options.AbsoluteExpirationRelativeToNow == null
                    && options.SlidingExpiration == null),
                cancellation.Token),
            Times.Once);
    }

    [Test]
    public async Task RevokeAsync_StoresEntryUnderNamespacedKey()
    {
        // Arrange
        var store = CreateStore();

        // Act
        await store.RevokeAsync(TokenId, s_now + s_lifetime, CancellationToken.None);

        // Assert
        Assert.That(_cache.Get("revoked:" + TokenId), Is.Not.Null.And.Not.Empty);
        Assert.That(_cache.Get(TokenId), Is.Null);
    }

    [Test]
    public async Task IsRevokedAsync_WhenUnnamespacedKeyIsInCache_ReturnsFalse()
    {
        // Arrange
        var store = CreateStore();
        await _cache.SetAsync(TokenId, [1], new DistributedCacheEntryOptions(), CancellationToken.None);

        // Act
        var revoked = await store.IsRevokedAsync(TokenId, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.False);
    }

    [Test]
    public async Task IsRevokedAsync_PassesCancellationTokenToCache()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var cache = new Mock<IDistributedCache>();
        cache
            .Setup(c => c.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((byte[]?)null);
        var store = CreateStore(cache.Object);

        // Act
        var revoked = await store.IsRevokedAsync(TokenId, cancellation.Token);

        // Assert
        Assert.That(revoked, Is.False);
        cache.Verify(c => c.GetAsync("revoked:" + TokenId, cancellation.Token), Times.Once);
    }

    private DistributedCacheRevocationStore CreateStore(TimeSpan? clockSkew = null) =>
        CreateStore(_cache, clockSkew);

    private DistributedCacheRevocationStore CreateStore(IDistributedCache cache, TimeSpan? clockSkew = null)
    {
        var settings = new JwtOptions();
        if (clockSkew is { } configured)
        {
            settings.ClockSkew = configured;
        }

        return new DistributedCacheRevocationStore(cache, Options.Create(settings), _timeProvider);
    }

}
