using FastApiLearning.Application.Common.Ports;
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
        await redis.RunAsync(
            db => db.StringSetAsync(SubjectKey(subject), notBefore.ToUnixTimeMilliseconds(), keepFor), cancellationToken);
    }

    public async ValueTask RevokeSessionAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        // A token of the session minted just before (or, by a racing refresh, just after) the end expires one
        // lifetime later; the skew covers the racing one's few milliseconds, as it covers exp everywhere.
        var keepFor = endedAt + jwtOptions.Value.AccessTokenLifetime + jwtOptions.Value.ClockSkew - timeProvider.GetUtcNow();
        if (keepFor > TimeSpan.Zero)
        {
            await redis.RunAsync(db => db.StringSetAsync(SessionKey(sessionId), 1, keepFor), cancellationToken);
        }
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

    private RedisKey TokenKey(string tokenId) => redis.KeyPrefix + "revoked:" + tokenId;

    private RedisKey SessionKey(string sessionId) => redis.KeyPrefix + "session:" + sessionId;

    private RedisKey SubjectKey(string subject) => redis.KeyPrefix + "notbefore:" + subject;
}
