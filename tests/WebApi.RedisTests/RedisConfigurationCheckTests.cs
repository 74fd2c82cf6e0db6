using System.Net;
using FastApiLearning.Infrastructure.Redis;
using FastApiLearning.TestSupport.Logging;
using FastApiLearning.WebApi.RedisTests.Support;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.RedisTests;

/// <summary>
/// The start-up check of the connected Redis: a warning for each setting under which a revocation can
/// be lost, none once Redis is set as the README asks, and never a failed start.
/// </summary>
[NonParallelizable]
public sealed class RedisConfigurationCheckTests
{
    private const int MayEvict = 2001;
    private const int NotPersistent = 2002;
    private const int MayNotPersist = 2003;
    private const int Unchecked = 2004;

    private static readonly string s_category = typeof(RedisConfigurationCheck).FullName!;

    // Each test its own server (started with --save "" --appendonly no), since the tests reconfigure it.
    private RedisServer _redis = null!;

    [SetUp]
    public void StartRedis() => _redis = new RedisServer();

    [TearDown]
    public void StopRedis() => _redis.Dispose();

    [Test]
    public async Task Start_WithoutPersistenceAndWithAnEvictingPolicy_WarnsOfBoth_ThenOfNeitherOnceConfigured()
    {
        _redis.Start();
        // Redis's own default is noeviction; managed services often default to an LRU policy.
        ConfigSet(("maxmemory-policy", "allkeys-lru"));

        var before = await CheckOfANewInstanceAsync(_redis.ConnectionString);
        ConfigSet(("appendonly", "yes"), ("maxmemory-policy", "noeviction"));
        var after = await CheckOfANewInstanceAsync(_redis.ConnectionString);

        Assert.That(before.Select(e => e.EventId.Id), Is.EquivalentTo(new[] { MayEvict, NotPersistent }));
        Assert.That(before.Select(e => e.Level), Is.All.EqualTo(LogLevel.Warning));
        Assert.That(
            before.Single(e => e.EventId.Id == MayEvict).Message,
            Does.Contain($"Redis {_redis.ConnectionString} has maxmemory-policy allkeys-lru").And.Contain("Set maxmemory-policy noeviction"));
        Assert.That(
            before.Single(e => e.EventId.Id == NotPersistent).Message,
            Does.Contain($"Redis {_redis.ConnectionString} persists nothing (appendonly no, no save points)").And.Contain("Set appendonly yes"));
        Assert.That(after, Is.Empty);
    }

    [Test]
    public async Task Start_WithSavePointsButNoAppendOnlyFile_DoesNotWarnOfPersistence()
    {
        _redis.Start();

        var before = await CheckOfANewInstanceAsync(_redis.ConnectionString);
        ConfigSet(("save", "3600 1"));
        var after = await CheckOfANewInstanceAsync(_redis.ConnectionString);

        Assert.That(before.Select(e => e.EventId.Id), Is.EqualTo(new[] { NotPersistent }));
        Assert.That(after, Is.Empty, "RDB save points are persistence too");
    }

    [Test]
    public async Task Start_WhenConfigGetIsRefused_JudgesByAppendOnlyAloneAndSaysSo()
    {
        _redis.Start();
        // A user that may run everything but CONFIG, as managed services hand out.
        const string user = "fal-no-config";
        AclSetUser(user, "on", ">secret", "~*", "&*", "+@all", "-config");
        var connectionString = $"{_redis.ConnectionString},user={user},password=secret";

        var before = await CheckOfANewInstanceAsync(connectionString);
        ConfigSet(("appendonly", "yes"));
        var after = await CheckOfANewInstanceAsync(connectionString);

        Assert.That(before.Select(e => e.EventId.Id), Is.EqualTo(new[] { MayNotPersist }));
        Assert.That(before.Single().Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(
            before.Single().Message,
            Does.Contain($"Redis {_redis.ConnectionString} has appendonly no, and its save points could not be read (CONFIG GET refused)")
                .And.Contain("judges by appendonly alone")
                .And.Contain("Set appendonly yes"));
        Assert.That(after, Is.Empty);
    }

    [Test]
    public async Task Start_WhenRedisIsDown_WarnsThatTheCheckCouldNotRun_AndStarts()
    {
        // Never started: nothing listens on its port.
        var logs = await CheckOfANewInstanceAsync(_redis.ConnectionString);

        Assert.That(logs.Select(e => e.EventId.Id), Is.EqualTo(new[] { Unchecked }));
        Assert.That(logs.Single().Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(logs.Single().Message, Does.StartWith("Could not check the Redis configuration at start-up"));
    }

    /// <summary>Starts an instance (its hosted services have run once it answers) and returns the check's events.</summary>
    private static async Task<IReadOnlyList<CapturedLog>> CheckOfANewInstanceAsync(string connectionString)
    {
        var logs = new LogCapture();
        await using var app = new AppInstance(connectionString, $"fal-test-{Guid.NewGuid():N}:", AppInstance.NewSigningKey(), logs);
        using var client = app.Client();

        using var live = await client.GetAsync("/healthz");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the service started");
        return logs.Of(s_category);
    }

    private void AclSetUser(string user, params string[] rules)
    {
        using var redis = _redis.Connect();
        redis.GetServer(redis.GetEndPoints().Single()).Execute("ACL", ["SETUSER", user, .. rules]);
    }

    private void ConfigSet(params (string Name, string Value)[] settings)
    {
        using var redis = _redis.Connect();
        var server = redis.GetServer(redis.GetEndPoints().Single());
        foreach (var (name, value) in settings)
        {
            server.ConfigSet(name, value);
        }
    }
}
