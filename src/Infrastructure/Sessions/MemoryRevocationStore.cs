using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Sessions;

/// <summary>
/// Revocations of one process. Each entry says until when it holds, judged by the service's clock;
/// the cache's own expiry only clears it away later. Never bounded by size: dropping an entry would
/// bring a logged-out token back, and entries can only be made as fast as logins succeed.
/// </summary>
public sealed class MemoryRevocationStore(IOptions<JwtOptions> jwtOptions, TimeProvider timeProvider) : IRevocationStore, IDisposable
{
    // Two caches keyed by the bare jti and sub: no key string is built on every request's check.
    private readonly MemoryCache _tokens = new(new MemoryCacheOptions());
    private readonly MemoryCache _subjects = new(new MemoryCacheOptions());

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // A token is still accepted for the clock skew after its exp, so the entry must outlive that.
        var keepUntil = expiresAt + jwtOptions.Value.ClockSkew;
        if (keepUntil > timeProvider.GetUtcNow())
        {
            _tokens.Set(tokenId, keepUntil, CleanUpAfter(keepUntil));
        }

        return ValueTask.CompletedTask;
    }

    /// <remarks>
    /// A token issued in the very millisecond of <paramref name="notBefore"/> is refused too: a login
    /// spends far longer than that verifying its password, so it began before the logout.
    /// </remarks>
    public ValueTask RevokeAllAsync(string subject, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        // Tokens issued before notBefore have all expired one lifetime (and the skew) later.
        var keepUntil = notBefore + jwtOptions.Value.AccessTokenLifetime + jwtOptions.Value.ClockSkew;
        _subjects.Set(subject, new NotBefore(notBefore, keepUntil), CleanUpAfter(keepUntil));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, string subject, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var revoked =
            (_tokens.TryGetValue(tokenId, out DateTimeOffset until) && until > now)
            || (_subjects.TryGetValue(subject, out NotBefore? all) && all is not null && all.KeepUntil > now && issuedAt <= all.Instant);
        return ValueTask.FromResult(revoked);
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _subjects.Dispose();
    }

    /// <summary>The cache runs on the real clock: give it the time left, never an instant of the service's clock.</summary>
    private TimeSpan CleanUpAfter(DateTimeOffset keepUntil)
    {
        var left = keepUntil - timeProvider.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1);
    }

    private sealed record NotBefore(DateTimeOffset Instant, DateTimeOffset KeepUntil);
}
