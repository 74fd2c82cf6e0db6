using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Sessions;

/// <summary>Authorization codes of one process, for the Fake provider (and tests). Expired ones are dropped by the writes.</summary>
public sealed class MemoryAuthorizationCodeStore(TimeProvider timeProvider) : IAuthorizationCodeStore
{
    /// <summary>A used code is remembered a while past its expiry, so that a replay is still told apart from a guess.</summary>
    private static readonly TimeSpan s_keepAfterExpiry = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, AuthorizationCodeRecord> _codes = new(StringComparer.Ordinal);

    public ValueTask AddAsync(AuthorizationCodeRecord code, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            foreach (var hash in _codes.Where(entry => entry.Value.ExpiresAt + s_keepAfterExpiry < now).Select(entry => entry.Key).ToList())
            {
                _codes.Remove(hash);
            }

            _codes.Add(code.CodeHash, code);
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

            return ValueTask.FromResult(new Redemption<AuthorizationCodeRecord>(code, first));
        }
    }
}
