using FastApiLearning.Infrastructure.Redis;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.TestSupport.Persistence;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FastApiLearning.WebApi.RedisTests;

/// <summary>The Redis revocation store against a real server: sessions ended by <c>sid</c>, asked in the one round trip.</summary>
[NonParallelizable]
public sealed class RedisRevocationStoreTests
{
    private const string Subject = "500222";

    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisRevocationStore _store = null!;
    private string _prefix = null!;

    [OneTimeSetUp]
    public void StartRedis()
    {
        _redis = new RedisServer();
        _redis.Start();
        _connection = _redis.Connect();
    }

    [OneTimeTearDown]
    public void StopRedis()
    {
        _connection.Dispose();
        _redis.Dispose();
    }

    [SetUp]
    public void SetUp()
    {
        _prefix = $"fal-test-{Guid.NewGuid():N}:";
        var calls = new RedisCalls(_connection, Options.Create(new RedisOptions { KeyPrefix = _prefix }), TimeProvider.System);
        _store = new RedisRevocationStore(calls, Options.Create(new JwtOptions()), TimeProvider.System);
    }

    [Test]
    public async Task RevokeSessionAsync_RefusesEveryTokenOfTheSession_AndNoOtherSessions()
    {
        var now = DateTimeOffset.UtcNow;
        await _store.RevokeSessionAsync("family-1", now, CancellationToken.None);

        Assert.That(await _store.IsRevokedAsync("a", Subject, "family-1", now.AddMinutes(-20), CancellationToken.None), Is.True);
        Assert.That(await _store.IsRevokedAsync("b", Subject, "family-1", now.AddMilliseconds(5), CancellationToken.None), Is.True, "minted by a racing refresh");
        Assert.That(await _store.IsRevokedAsync("c", Subject, "family-2", now.AddMinutes(-20), CancellationToken.None), Is.False);
        Assert.That(await _store.IsRevokedAsync("d", Subject, null, now.AddMinutes(-20), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task RevokeSessionAsync_KeepsTheEntryNoLongerThanTheTokensItCovers()
    {
        await _store.RevokeSessionAsync("family-1", DateTimeOffset.UtcNow, CancellationToken.None);

        // The access-token lifetime (30 min), the skew (30 s) and the margin for a racing refresh (1 min), never more.
        var ttl = await SessionTimeToLiveAsync("family-1");
        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromMinutes(31) + TimeSpan.FromSeconds(30)));
        Assert.That(ttl, Is.GreaterThan(TimeSpan.FromMinutes(31)));
    }

    [Test]
    public async Task RevokeSessionAsync_WithAnEndReadBeforeTheWrite_KeepsTheEntryFromTheWrite()
    {
        // The ending request read its instant before a slow database write: a refresh racing it may mint a token
        // after the entry is written, which lives 30 min (and the skew) from then.
        await _store.RevokeSessionAsync("family-1", DateTimeOffset.UtcNow.AddMinutes(-10), CancellationToken.None);

        Assert.That(await SessionTimeToLiveAsync("family-1"), Is.GreaterThan(TimeSpan.FromMinutes(31)));
    }

    [Test]
    public async Task RevokeSessionAsync_FromAnInstanceWhoseClockIsBehind_NeverShortensTheEntry()
    {
        await _store.RevokeSessionAsync("family-1", DateTimeOffset.UtcNow, CancellationToken.None);
        var behind = new ManualClock(DateTimeOffset.UtcNow.AddSeconds(-20));
        var calls = new RedisCalls(_connection, Options.Create(new RedisOptions { KeyPrefix = _prefix }), behind);
        var otherInstance = new RedisRevocationStore(calls, Options.Create(new JwtOptions()), behind);

        await otherInstance.RevokeSessionAsync("family-1", behind.GetUtcNow(), CancellationToken.None);

        // The first write's 31 min 30 s stand (less what this test took), not the 31 min 10 s the other would leave.
        Assert.That(await SessionTimeToLiveAsync("family-1"), Is.GreaterThan(TimeSpan.FromMinutes(31) + TimeSpan.FromSeconds(20)));
    }

    [Test]
    public async Task RevokeAllAsync_WhenAnEarlierInstantArrivesLate_KeepsTheLaterOne()
    {
        // A password set at t2 wrote first; a "log out everywhere" that read t1 < t2 writes after it.
        var passwordSet = DateTimeOffset.UtcNow;
        await _store.RevokeAllAsync(Subject, passwordSet, CancellationToken.None);
        await _store.RevokeAllAsync(Subject, passwordSet.AddSeconds(-10), CancellationToken.None);

        Assert.That(await _store.IsRevokedAsync("a", Subject, null, passwordSet.AddSeconds(-1), CancellationToken.None), Is.True);
        Assert.That(await _store.IsRevokedAsync("b", Subject, null, passwordSet, CancellationToken.None), Is.True);
        Assert.That(await _store.IsRevokedAsync("c", Subject, null, passwordSet.AddMilliseconds(1), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task RevokeAllAsync_WithALaterInstant_ReplacesTheEarlierOne()
    {
        var loggedOut = DateTimeOffset.UtcNow.AddSeconds(-10);
        await _store.RevokeAllAsync(Subject, loggedOut, CancellationToken.None);
        await _store.RevokeAllAsync(Subject, loggedOut.AddSeconds(5), CancellationToken.None);

        Assert.That(await _store.IsRevokedAsync("a", Subject, null, loggedOut.AddSeconds(4), CancellationToken.None), Is.True);
        Assert.That(await _store.IsRevokedAsync("b", Subject, null, loggedOut.AddSeconds(6), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task IsRevokedAsync_WithASessionId_AsksRedisOnce()
    {
        var server = _connection.GetServer(_redis.ConnectionString);
        await server.ConfigResetStatisticsAsync();

        await _store.IsRevokedAsync("a", Subject, "family-1", DateTimeOffset.UtcNow, CancellationToken.None);

        // The token's, its subject's and its session's keys in one MGET: one round trip, no other read.
        var stats = (await server.InfoAsync("commandstats")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.That(stats.GetValueOrDefault("cmdstat_mget"), Does.StartWith("calls=1,"));
        Assert.That(stats.Keys, Has.None.EqualTo("cmdstat_get").And.None.EqualTo("cmdstat_exists"));
    }

    private async Task<TimeSpan?> SessionTimeToLiveAsync(string sessionId) =>
        await _connection.GetDatabase().KeyTimeToLiveAsync(_prefix + "session:" + sessionId);
}
