using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Security;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Sessions;

/// <summary>
/// Revocations in <see cref="IDistributedCache"/>: the in-memory cache in one process, Redis when
/// several instances must agree. Each entry expires by itself once its token could no longer pass.
/// </summary>
public sealed class DistributedCacheRevocationStore(
    IDistributedCache cache,
    IOptions<JwtOptions> jwtOptions,
    TimeProvider timeProvider) : IRevocationStore
{
    private static readonly byte[] s_revoked = [1];

    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // A token is still accepted for the clock skew after its exp, so the entry must outlive that.
        var keepUntil = expiresAt + jwtOptions.Value.ClockSkew;
        if (keepUntil <= timeProvider.GetUtcNow())
        {
            return;
        }

        await cache.SetAsync(
            Key(tokenId),
            s_revoked,
            new DistributedCacheEntryOptions { AbsoluteExpiration = keepUntil },
            cancellationToken);
    }

    public async ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken) =>
        await cache.GetAsync(Key(tokenId), cancellationToken) is not null;

    private static string Key(string tokenId) => "revoked:" + tokenId;
}
