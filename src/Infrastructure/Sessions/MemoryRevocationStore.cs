using System.Collections.Concurrent;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Sessions;

/// <summary>
/// Revocations of one process. Each entry says until when it holds, judged by the service's clock;
/// expired entries are swept away now and then by the writes. Never bounded by size: dropping an
/// entry would bring a logged-out token back, and entries can only be made as fast as logins
/// succeed. Plain dictionaries, not a MemoryCache: every authenticated request reads them (the
/// token's, its session's, its subject's), and a dictionary read does no expiry bookkeeping.
/// </summary>
public sealed class MemoryRevocationStore(IOptions<JwtOptions> jwtOptions, TimeProvider timeProvider) : IRevocationStore, IDisposable
{
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromMinutes(1);

    /// <summary>How much longer than one token lifetime (and the skew) an ended session's entry is kept.</summary>
    public static readonly TimeSpan SessionMargin = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NotBefore> _subjects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    /// <summary>Entries held, expired ones not yet swept included.</summary>
    public int Count => _tokens.Count + _subjects.Count + _sessions.Count;

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // A token is still accepted for the clock skew after its exp, so the entry must outlive that.
        var keepUntil = expiresAt + jwtOptions.Value.ClockSkew;
        var now = timeProvider.GetUtcNow();
        if (keepUntil > now)
        {
            _tokens[tokenId] = keepUntil;
        }

        SweepIfDue(now);
        return ValueTask.CompletedTask;
    }

    /// <remarks>
    /// A token issued in the very millisecond of <paramref name="notBefore"/> is refused too: a login
    /// spends far longer than that verifying its password, so it began before the logout.
    /// </remarks>
    public ValueTask RevokeAllAsync(string subject, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        // Tokens issued before notBefore have all expired one lifetime (and the skew) later.
        var entry = new NotBefore(notBefore, notBefore + jwtOptions.Value.AccessTokenLifetime + jwtOptions.Value.ClockSkew);
        // Of two "log out everywhere" racing, the later instant stands.
        _subjects.AddOrUpdate(subject, entry, (_, old) => old.Instant > entry.Instant ? old : entry);
        SweepIfDue(timeProvider.GetUtcNow());
        return ValueTask.CompletedTask;
    }

    public ValueTask RevokeSessionAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        // From when the entry is written, not from endedAt (read before the ending request's database write): a
        // refresh whose use committed just before the end may mint a token after both; the margin covers that
        // refresh's own delay, and a later write (even with an earlier endedAt) never shortens the entry.
        var now = timeProvider.GetUtcNow();
        var keepUntil = (endedAt > now ? endedAt : now) + jwtOptions.Value.AccessTokenLifetime + jwtOptions.Value.ClockSkew + SessionMargin;
        _sessions.AddOrUpdate(sessionId, keepUntil, (_, old) => old > keepUntil ? old : keepUntil);
        SweepIfDue(now);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, string subject, string? sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var revoked =
            (_tokens.TryGetValue(tokenId, out var until) && until > now)
            || (sessionId is not null && _sessions.TryGetValue(sessionId, out var sessionUntil) && sessionUntil > now)
            || (_subjects.TryGetValue(subject, out var all) && all.KeepUntil > now && issuedAt <= all.Instant);
        return ValueTask.FromResult(revoked);
    }

    public void Dispose()
    {
        _tokens.Clear();
        _subjects.Clear();
        _sessions.Clear();
    }

    /// <summary>At most once a minute, by whichever write comes first: entries past their time go.</summary>
    private void SweepIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + s_sweepEvery).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (tokenId, until) in _tokens)
        {
            if (until <= now)
            {
                _tokens.TryRemove(new KeyValuePair<string, DateTimeOffset>(tokenId, until));
            }
        }

        foreach (var (sessionId, until) in _sessions)
        {
            if (until <= now)
            {
                _sessions.TryRemove(new KeyValuePair<string, DateTimeOffset>(sessionId, until));
            }
        }

        foreach (var (subject, all) in _subjects)
        {
            if (all.KeepUntil <= now)
            {
                _subjects.TryRemove(new KeyValuePair<string, NotBefore>(subject, all));
            }
        }
    }

    private sealed record NotBefore(DateTimeOffset Instant, DateTimeOffset KeepUntil);
}
