using FastApiLearning.Infrastructure.Throttling;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>
/// Attempt counters in Redis. Deciding and counting run as one Lua script on the server, so
/// instances racing on the same username never let more attempts through than the limits allow;
/// each key expires by itself. (Both keys of a script must live on one server: a single Redis or
/// a primary with replicas, not Redis Cluster.)
/// </summary>
public sealed class RedisAttemptCounterStore(RedisCalls redis) : IAttemptCounterStore
{
    // The same rules as AttemptLimits and AttemptCount.Current: the account's count starts again
    // once a window has passed since its last attempt, the client's since its first.
    private const string ReserveScript = """
        local now = tonumber(ARGV[1])
        local maxA, windowA, initial, maxBackoff = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
        local maxC, windowC = tonumber(ARGV[6]), tonumber(ARGV[7])
        local v = redis.call('HMGET', KEYS[1], 'n', 'first', 'last')
        local an, afirst, alast = tonumber(v[1]), tonumber(v[2]), tonumber(v[3])
        if an == nil or now - alast >= windowA then an, afirst = 0, now end
        local lockedUntil = 0
        if an >= maxA then
          local backoff = initial * 2 ^ math.min(an - maxA, 20)
          if backoff > maxBackoff then backoff = maxBackoff end
          lockedUntil = alast + backoff
        end
        local cn, cfirst = 0, now
        if #KEYS > 1 then
          local c = redis.call('HMGET', KEYS[2], 'n', 'first')
          cn, cfirst = tonumber(c[1]), tonumber(c[2])
          if cn == nil or now - cfirst >= windowC then cn, cfirst = 0, now end
          if cn >= maxC and cfirst + windowC > lockedUntil then lockedUntil = cfirst + windowC end
        end
        if lockedUntil > now then return lockedUntil - now end
        redis.call('HSET', KEYS[1], 'n', an + 1, 'first', afirst, 'last', now)
        redis.call('PEXPIREAT', KEYS[1], now + windowA)
        if #KEYS > 1 then
          redis.call('HSET', KEYS[2], 'n', cn + 1, 'first', cfirst, 'last', now)
          redis.call('PEXPIREAT', KEYS[2], cfirst + windowC)
        end
        return 0
        """;

    private const string ReleaseScript = """
        if ARGV[1] == '1' then
          redis.call('DEL', KEYS[1])
        elseif redis.call('HINCRBY', KEYS[1], 'n', -1) <= 0 then
          redis.call('DEL', KEYS[1])
        end
        if #KEYS > 1 and redis.call('HINCRBY', KEYS[2], 'n', -1) <= 0 then
          redis.call('DEL', KEYS[2])
        end
        return 0
        """;

    public async ValueTask<TimeSpan?> TryReserveAsync(
        AttemptKeys keys, DateTimeOffset now, AttemptLimits limits, CancellationToken cancellationToken)
    {
        var wait = (long)await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                ReserveScript,
                KeysOf(keys),
                [
                    now.ToUnixTimeMilliseconds(),
                    limits.MaxAccountAttempts,
                    (long)limits.AccountWindow.TotalMilliseconds,
                    (long)limits.InitialBackoff.TotalMilliseconds,
                    (long)limits.MaxBackoff.TotalMilliseconds,
                    limits.MaxClientAttempts,
                    (long)limits.ClientWindow.TotalMilliseconds,
                ]),
            cancellationToken);
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    public async ValueTask ReleaseAsync(AttemptKeys keys, bool clearAccount, CancellationToken cancellationToken) =>
        await redis.RunAsync(db => db.ScriptEvaluateAsync(ReleaseScript, KeysOf(keys), [clearAccount ? "1" : "0"]), cancellationToken);

    private RedisKey[] KeysOf(AttemptKeys keys) =>
        keys.Client is { } client
            ? [redis.KeyPrefix + keys.Account, redis.KeyPrefix + client]
            : [redis.KeyPrefix + keys.Account];
}
