using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.Infrastructure.Users;

namespace FastApiLearning.Infrastructure.Sessions;

/// <summary>
/// Authorization codes of one process, for the Fake provider (and tests). Codes expired a while ago are
/// dropped by the writes (as the databases' purge does); a removed employee's go at once (as their cascade does).
/// </summary>
public sealed class MemoryAuthorizationCodeStore : IAuthorizationCodeStore
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AuthorizationCodeRecord> _codes = new(StringComparer.Ordinal);

    /// <param name="employees">The Fake provider's employees, whose removals take their codes along.</param>
    public MemoryAuthorizationCodeStore(TimeProvider timeProvider, InMemoryEmployeeStore? employees = null)
    {
        _timeProvider = timeProvider;
        if (employees is not null)
        {
            employees.Removed += RemoveEmployee;
        }
    }

    public ValueTask AddAsync(AuthorizationCodeRecord code, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // A used code is remembered a while past its expiry, so that a replay is still told apart from a guess.
            var before = _timeProvider.GetUtcNow() - PurgeSchedule.KeepAfterExpiry;
            foreach (var hash in _codes.Where(entry => entry.Value.ExpiresAt < before).Select(entry => entry.Key).ToList())
            {
                _codes.Remove(hash);
            }

            // Kept as the databases keep them: the canonical names.
            _codes.Add(code.CodeHash, code with { Scopes = GrantedScopes.Canonical(code.Scopes) });
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<Redemption<AuthorizationCodeRecord>> RedeemAsync(string codeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_codes.TryGetValue(codeHash, out var code))
            {
                return ValueTask.FromResult(new Redemption<AuthorizationCodeRecord>(null, false));
            }

            var first = code.UsedAt is null;
            if (first)
            {
                _codes[codeHash] = code with { UsedAt = now };
            }
            else if (code.ReplayedAt is null)
            {
                // Marked for the redemption that may not have started its family yet (it looks again after).
                _codes[codeHash] = code with { ReplayedAt = now };
            }

            return ValueTask.FromResult(new Redemption<AuthorizationCodeRecord>(code, first));
        }
    }

    public ValueTask<AuthorizationCodeRecord?> FindAsync(string codeHash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_codes.GetValueOrDefault(codeHash));
        }
    }

    private void RemoveEmployee(int empNo)
    {
        lock (_lock)
        {
            foreach (var hash in _codes.Where(entry => entry.Value.EmpNo == empNo).Select(entry => entry.Key).ToList())
            {
                _codes.Remove(hash);
            }
        }
    }
}
