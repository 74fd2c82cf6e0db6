using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.Infrastructure.Users;

namespace FastApiLearning.Infrastructure.Sessions;

/// <summary>
/// Refresh tokens of one process, for the Fake provider (and tests): one lock over two dictionaries,
/// which is all the atomicity <see cref="IRefreshTokenStore.UseAsync"/> needs. Tokens expired a while ago
/// are dropped by the writes now and then, families with them (as the databases' purge does); a removed
/// employee's families go at once (as the databases' cascade does).
/// </summary>
public sealed class MemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RefreshTokenFamily> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _tokens = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    /// <param name="employees">The Fake provider's employees, whose removals end their families.</param>
    public MemoryRefreshTokenStore(TimeProvider timeProvider, InMemoryEmployeeStore? employees = null)
    {
        _timeProvider = timeProvider;
        if (employees is not null)
        {
            employees.Removed += RemoveEmployee;
        }
    }

    public ValueTask<bool> StartFamilyAsync(RefreshTokenFamily family, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            SweepIfDue();
            // Kept as the databases keep them: the canonical names.
            family = family with { Scopes = GrantedScopes.Canonical(family.Scopes) };
            _families.Add(family.FamilyId, family);
            _tokens.Add(tokenHash, new RefreshTokenRecord(tokenHash, family, family.StartedAt, expiresAt));
        }

        // This store does not see the employees: a family of one removed meanwhile stays until it expires, and
        // refreshes nothing (every refresh looks the employee up).
        return ValueTask.FromResult(true);
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

    public ValueTask<bool> AddAsync(string familyId, string tokenHash, DateTimeOffset issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            SweepIfDue();
            // Gone with its employee (RemoveEmployee), as the databases' cascade removes it.
            if (!_families.TryGetValue(familyId, out var family))
            {
                return ValueTask.FromResult(false);
            }

            _tokens.Add(tokenHash, new RefreshTokenRecord(tokenHash, family, issuedAt, expiresAt));
        }

        return ValueTask.FromResult(true);
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

    private void RemoveEmployee(int empNo)
    {
        lock (_lock)
        {
            var gone = _families.Values.Where(family => family.EmpNo == empNo).Select(family => family.FamilyId).ToHashSet(StringComparer.Ordinal);
            foreach (var familyId in gone)
            {
                _families.Remove(familyId);
            }

            foreach (var hash in _tokens.Where(entry => gone.Contains(entry.Value.Family.FamilyId)).Select(entry => entry.Key).ToList())
            {
                _tokens.Remove(hash);
            }
        }
    }

    /// <summary>The token with its family as it is now (a revocation changes the family, not each token).</summary>
    private RefreshTokenRecord? Current(string tokenHash) =>
        _tokens.TryGetValue(tokenHash, out var token) ? token with { Family = _families[token.Family.FamilyId] } : null;

    private void SweepIfDue()
    {
        var now = _timeProvider.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + PurgeSchedule.Every;
        var before = now - PurgeSchedule.KeepAfterExpiry;
        foreach (var (hash, token) in _tokens.Where(entry => entry.Value.ExpiresAt < before).ToList())
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
