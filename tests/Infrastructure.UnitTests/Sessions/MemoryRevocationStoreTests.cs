using FastApiLearning.Infrastructure.Sessions;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Sessions;

public sealed class MemoryRevocationStoreTests
{
    private const string TokenId = "0f8fad5bd9cb469fa16570867728950e";
    private const string Subject = "500222";

    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, 250, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private MemoryRevocationStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(s_now);
        _store = new MemoryRevocationStore(Options.Create(new JwtOptions()), _clock);
    }

    [TearDown]
    public void TearDown() => _store.Dispose();

    [Test]
    public async Task IsRevokedAsync_WhenTheTokenWasRevoked_IsTrueUntilItsExpiryAndSkewHavePassed()
    {
        await _store.RevokeAsync(TokenId, s_now.AddMinutes(30), CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(29));
        var withinSkew = await _store.IsRevokedAsync(TokenId, Subject, null, s_now, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var afterSkew = await _store.IsRevokedAsync(TokenId, Subject, null, s_now, CancellationToken.None);

        Assert.That(withinSkew, Is.True);
        Assert.That(afterSkew, Is.False);
    }

    [Test]
    public async Task IsRevokedAsync_ForAnotherToken_IsFalse()
    {
        await _store.RevokeAsync(TokenId, s_now.AddMinutes(30), CancellationToken.None);

        Assert.That(await _store.IsRevokedAsync("another", Subject, null, s_now, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task RevokeAllAsync_RefusesTokensIssuedBeforeOrInItsMillisecond_AndNotAfter()
    {
        await _store.RevokeAllAsync(Subject, s_now, CancellationToken.None);

        Assert.That(await _store.IsRevokedAsync("a", Subject, null, s_now.AddMilliseconds(-1), CancellationToken.None), Is.True);
        Assert.That(await _store.IsRevokedAsync("b", Subject, null, s_now, CancellationToken.None), Is.True);
        Assert.That(await _store.IsRevokedAsync("c", Subject, null, s_now.AddMilliseconds(1), CancellationToken.None), Is.False);
        Assert.That(await _store.IsRevokedAsync("d", "10198", null, s_now.AddMinutes(-1), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task RevokeSessionAsync_RefusesEveryTokenOfTheSession_IssuedBeforeOrAfter_AndNoOtherSessions()
    {
        await _store.RevokeSessionAsync("family-1", s_now, CancellationToken.None);

        Assert.That(await _store.IsRevokedAsync("a", Subject, "family-1", s_now.AddMinutes(-20), CancellationToken.None), Is.True);
        Assert.That(await _store.IsRevokedAsync("b", Subject, "family-1", s_now.AddMilliseconds(5), CancellationToken.None), Is.True, "minted by a racing refresh");
        Assert.That(await _store.IsRevokedAsync("c", Subject, "family-2", s_now.AddMinutes(-20), CancellationToken.None), Is.False);
        Assert.That(await _store.IsRevokedAsync("d", Subject, null, s_now.AddMinutes(-20), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task RevokeSessionAsync_IsForgottenOnceEveryTokenOfTheSessionHasExpired_AndSweptAway()
    {
        // A token issued at the end lives the access-token lifetime (30 min) plus the skew (30 s); a racing
        // refresh's a little longer (the margin, 1 min).
        await _store.RevokeSessionAsync("family-1", s_now, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(31) + TimeSpan.FromSeconds(29));
        var withinLifetime = await _store.IsRevokedAsync("a", Subject, "family-1", s_now, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var afterLifetime = await _store.IsRevokedAsync("a", Subject, "family-1", s_now, CancellationToken.None);
        await _store.RevokeAsync("later", _clock.GetUtcNow().AddMinutes(30), CancellationToken.None);

        Assert.That(withinLifetime, Is.True);
        Assert.That(afterLifetime, Is.False);
        Assert.That(_store.Count, Is.EqualTo(1), "only the later entry is left");
    }

    [Test]
    public async Task RevokeSessionAsync_WithAnEndReadBeforeTheWrite_StillRefusesATokenARacingRefreshMintedAfterTheWrite()
    {
        // The logout read its instant 5 s before the store is written (a slow database write); a refresh whose use
        // committed just before the end mints its access token 2 s after the entry is written.
        await _store.RevokeSessionAsync("family-1", s_now.AddSeconds(-5), CancellationToken.None);
        var minted = s_now.AddSeconds(2);

        // That token is still accepted until its exp (30 min) and the skew (30 s) have passed.
        _clock.Advance(minted - s_now + TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(29));

        Assert.That(await _store.IsRevokedAsync("racer", Subject, "family-1", minted, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task RevokeSessionAsync_WrittenAgainLater_KeepsTheEntryFromTheLaterWrite()
    {
        await _store.RevokeSessionAsync("family-1", s_now, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await _store.RevokeSessionAsync("family-1", s_now, CancellationToken.None);

        // Kept from the second write: 10 min + 30 min + 30 s + 1 min after the first.
        _clock.Advance(TimeSpan.FromMinutes(31) + TimeSpan.FromSeconds(29));

        Assert.That(await _store.IsRevokedAsync("a", Subject, "family-1", s_now, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task RevokeAllAsync_IsForgottenOnceEveryTokenItCoversHasExpired()
    {
        // Tokens issued before it live at most the access-token lifetime (30 min) plus the skew (30 s).
        await _store.RevokeAllAsync(Subject, s_now, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(31));

        Assert.That(await _store.IsRevokedAsync("a", Subject, null, s_now.AddSeconds(-1), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task RevokeAsync_OfATokenAlreadyPastItsSkew_KeepsNothing()
    {
        await _store.RevokeAsync(TokenId, s_now.AddMinutes(-1), CancellationToken.None);

        Assert.That(await _store.IsRevokedAsync(TokenId, Subject, null, s_now, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task RevokeAsync_AMinuteOrMoreLater_SweepsAwayEntriesPastTheirTime()
    {
        await _store.RevokeAsync(TokenId, s_now.AddMinutes(5), CancellationToken.None);
        await _store.RevokeAllAsync(Subject, s_now, CancellationToken.None);

        // Both have expired (the not-before after one token lifetime and the skew); a later write sweeps.
        _clock.Advance(TimeSpan.FromMinutes(31));
        await _store.RevokeAsync("later", _clock.GetUtcNow().AddMinutes(30), CancellationToken.None);

        Assert.That(_store.Count, Is.EqualTo(1));
        Assert.That(await _store.IsRevokedAsync("later", Subject, null, s_now, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task RevokeAllAsync_WhenAnEarlierInstantArrivesLate_KeepsTheLaterOne()
    {
        await _store.RevokeAllAsync(Subject, s_now, CancellationToken.None);
        await _store.RevokeAllAsync(Subject, s_now.AddSeconds(-10), CancellationToken.None);

        Assert.That(await _store.IsRevokedAsync("a", Subject, null, s_now.AddSeconds(-1), CancellationToken.None), Is.True);
    }
}
