using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Sessions;

/// <summary>
/// Refresh tokens of one process, for the Fake provider (and tests): one lock over two dictionaries,
/// which is all the atomicity <see cref="IRefreshTokenStore.UseAsync"/> needs. Expired tokens are
/// dropped by the writes now and then, families with them.
/// </summary>
public sealed class MemoryRefreshTokenStore(TimeProvider timeProvider) : IRefreshTokenStore
{
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RefreshTokenFamily> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _tokens = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    public ValueTask StartFamilyAsync(RefreshTokenFamily family, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            SweepIfDue();
            _families.Add(family.FamilyId, family);
            _tokens.Add(tokenHash, new RefreshTokenRecord(tokenHash, family, family.StartedAt, expiresAt));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<Redemption<RefreshTokenRecord>> UseAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Current(tokenHash) is not { } token)
            {
                return ValueTask.FromResult(new Redemption<RefreshTokenRecord>(null, false));
            }

            var first = token.UsedAt is null && token.Family.RevokedAt is null;
            if (first)
            {
                _tokens[tokenHash] = token with { UsedAt = now };
            }

            return ValueTask.FromResult(new Redemption<RefreshTokenRecord>(token, first));
        }
    }

    public ValueTask AddAsync(string familyId, string tokenHash, DateTimeOffset issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            SweepIfDue();
            var family = _families.TryGetValue(familyId, out var found)
                ? found
                : throw new InvalidOperationException($"No refresh-token family {familyId}.");
            _tokens.Add(tokenHash, new RefreshTokenRecord(tokenHash, family, issuedAt, expiresAt));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(Current(tokenHash));
        }
    }

    public ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_families.TryGetValue(familyId, out var family) || family.RevokedAt is not null)
            {
                return ValueTask.FromResult(false);
            }

            _families[familyId] = family with { RevokedAt = now };
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>The token with its family as it is now (a revocation changes the family, not each token).</summary>
    private RefreshTokenRecord? Current(string tokenHash) =>
        _tokens.TryGetValue(tokenHash, out var token) ? token with { Family = _families[token.Family.FamilyId] } : null;

    private void SweepIfDue()
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + s_sweepEvery;
        foreach (var (hash, token) in _tokens.Where(entry => entry.Value.ExpiresAt < now).ToList())
        {
            _tokens.Remove(hash);
        }

        var live = _tokens.Values.Select(token => token.Family.FamilyId).ToHashSet(StringComparer.Ordinal);
        foreach (var familyId in _families.Keys.Where(id => !live.Contains(id)).ToList())
        {
            _families.Remove(familyId);
        }
    }
}
