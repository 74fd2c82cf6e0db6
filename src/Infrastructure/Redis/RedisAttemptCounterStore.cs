using FastApiLearning.Infrastructure.Throttling;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>
/// Failure counters in Redis. The increment runs as one Lua script on the server, so instances
/// counting the same username at the same moment never lose a failure; each key expires by itself.
/// </summary>
public sealed class RedisAttemptCounterStore(IConnectionMultiplexer redis, IOptions<RedisOptions> options) : IAttemptCounterStore
{
    // Same rule as AttemptCount.Next: restart the count when the window has passed since the
    // last (sliding) or first failure; the key expires one window after that instant.
    private const string RecordFailureScript = """
        local v = redis.call('HMGET', KEYS[1], 'n', 'first', 'last')
        local now, window, sliding = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
        local n, first, last = tonumber(v[1]), tonumber(v[2]), tonumber(v[3])
        if n == nil or now - (sliding and last or first) >= window then
          n, first = 0, now
        end
        n, last = n + 1, now
        redis.call('HSET', KEYS[1], 'n', n, 'first', first, 'last', last)
        redis.call('PEXPIREAT', KEYS[1], (sliding and last or first) + window)
        return { n, first, last }
        """;

    private readonly string _prefix = options.Value.KeyPrefix;

    public async ValueTask<AttemptCount?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var values = await Call(db => db.HashGetAsync(Key(key), ["n", "first", "last"]));
        return values[0].TryParse(out int failures) && values[1].TryParse(out long first) && values[2].TryParse(out long last)
            ? new AttemptCount(failures, DateTimeOffset.FromUnixTimeMilliseconds(first), DateTimeOffset.FromUnixTimeMilliseconds(last))
            : null;
    }

    public async ValueTask<AttemptCount> RecordFailureAsync(
        string key, DateTimeOffset now, TimeSpan window, bool sliding, CancellationToken cancellationToken)
    {
        var result = await Call(db => db.ScriptEvaluateAsync(
            RecordFailureScript,
            [Key(key)],
            [now.ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds, sliding ? 1 : 0]));
        var values = (long[]?)result ?? throw new InvalidOperationException("The counter script returned nothing.");
        return new AttemptCount(
            (int)values[0], DateTimeOffset.FromUnixTimeMilliseconds(values[1]), DateTimeOffset.FromUnixTimeMilliseconds(values[2]));
    }

    public async ValueTask ResetAsync(string key, CancellationToken cancellationToken) =>
        await Call(db => db.KeyDeleteAsync(Key(key)));

    private RedisKey Key(string key) => _prefix + key;

    private async Task<T> Call<T>(Func<IDatabase, Task<T>> command)
    {
        try
        {
            return await command(redis.GetDatabase());
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            throw RedisConnection.Unavailable(e);
        }
    }
}
