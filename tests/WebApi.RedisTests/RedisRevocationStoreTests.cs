using FastApiLearning.Infrastructure.Redis;
using FastApiLearning.Infrastructure.Tokens;
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

        // The access-token lifetime (30 min) plus the skew (30 s), never more.
        var ttl = await _connection.GetDatabase().KeyTimeToLiveAsync(_prefix + "session:family-1");
        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(30)));
        Assert.That(ttl, Is.GreaterThan(TimeSpan.FromMinutes(30)));
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
}
