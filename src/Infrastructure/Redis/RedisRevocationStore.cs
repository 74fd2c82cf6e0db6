using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Sessions;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>
/// Revocations in Redis, shared by every instance: <c>revoked:&lt;jti&gt;</c>, <c>session:&lt;sid&gt;</c> and
/// <c>notbefore:&lt;sub&gt;</c> (milliseconds since the epoch), each expiring once the tokens it covers
/// have. The check on every request reads them all with one <c>MGET</c>: one round trip. A token issued
/// in the very millisecond of a "not before" is refused too (its login began before the logout).
/// </summary>
public sealed class RedisRevocationStore(RedisCalls redis, IOptions<JwtOptions> jwtOptions, TimeProvider timeProvider) : IRevocationStore
{
    // KEYS[1] = notbefore:<sub>, ARGV[1] = the instant (ms), ARGV[2] = how long to keep it (ms): set unless later already.
    private const string KeepLaterNotBeforeScript = """
        local current = redis.call('GET', KEYS[1])
        if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;

    // KEYS[1] = session:<sid>, ARGV[1] = how long to keep it (ms): set unless it is kept that long already.
    private const string ExtendSessionScript = """
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl == -1 or ttl >= tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
        return 1
        """;

    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // A token is still accepted for the clock skew after its exp, so the entry must outlive that.
        var keepFor = expiresAt + jwtOptions.Value.ClockSkew - timeProvider.GetUtcNow();
        if (keepFor > TimeSpan.Zero)
        {
            await redis.RunAsync(db => db.StringSetAsync(TokenKey(tokenId), 1, keepFor), cancellationToken);
        }
    }

    public async ValueTask RevokeAllAsync(string subject, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var keepFor = notBefore + jwtOptions.Value.AccessTokenLifetime + jwtOptions.Value.ClockSkew - timeProvider.GetUtcNow();
        if (keepFor > TimeSpan.Zero)
        {
            // Of two racing (a password set, then a "log out everywhere" that read an earlier instant), the later
            // stands, as in the database and the memory store; its own expiry comes with it.
            await redis.RunAsync(
                db => db.ScriptEvaluateAsync(KeepLaterNotBeforeScript, [SubjectKey(subject)], [notBefore.ToUnixTimeMilliseconds(), Milliseconds(keepFor)]),
                cancellationToken);
        }
    }

    public async ValueTask RevokeSessionAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        // From when the entry is written, not from endedAt (read before the ending request's database write): a
        // refresh whose use committed just before the end may mint a token after both; the margin covers that
        // refresh's own delay (and other instances' clocks), and a later write never shortens the entry.
        var now = timeProvider.GetUtcNow();
        var keepFor = (endedAt > now ? endedAt - now : TimeSpan.Zero)
            + jwtOptions.Value.AccessTokenLifetime + jwtOptions.Value.ClockSkew + MemoryRevocationStore.SessionMargin;
        await redis.RunAsync(
            db => db.ScriptEvaluateAsync(ExtendSessionScript, [SessionKey(sessionId)], [Milliseconds(keepFor)]), cancellationToken);
    }

    public async ValueTask<bool> IsRevokedAsync(string tokenId, string subject, string? sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        RedisKey[] keys = sessionId is null
            ? [TokenKey(tokenId), SubjectKey(subject)]
            : [TokenKey(tokenId), SubjectKey(subject), SessionKey(sessionId)];
        var values = await redis.RunAsync(db => db.StringGetAsync(keys), cancellationToken);
        return !values[0].IsNull
            || (values[1].TryParse(out long notBefore) && issuedAt.ToUnixTimeMilliseconds() <= notBefore)
            || (values.Length > 2 && !values[2].IsNull);
    }

    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalMilliseconds));

    private RedisKey TokenKey(string tokenId) => redis.KeyPrefix + "revoked:" + tokenId;

    private RedisKey SessionKey(string sessionId) => redis.KeyPrefix + "session:" + sessionId;

    private RedisKey SubjectKey(string subject) => redis.KeyPrefix + "notbefore:" + subject;
}
