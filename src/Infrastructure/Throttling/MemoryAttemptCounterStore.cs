using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Throttling;

/// <summary>
/// Attempt counters of one process: a dictionary under one lock, so every decision is atomic, and
/// bounded to <see cref="ThrottlingOptions.MaxTrackedCounters"/> entries. When full, expired entries go
/// first, then the tenth that expires soonest. New counters are only made by attempts that reach the
/// password hasher, so an attacker fills it no faster than passwords can be checked.
/// </summary>
public sealed class MemoryAttemptCounterStore(IOptions<ThrottlingOptions> options) : IAttemptCounterStore
{
    private readonly int _capacity = options.Value.MaxTrackedCounters;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Counters held now, expired ones not yet removed included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public ValueTask<TimeSpan?> TryReserveAsync(AttemptKeys keys, DateTimeOffset now, AttemptLimits limits, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var account = AttemptCount.Current(Read(keys.Account, now), now, limits.AccountWindow, sliding: true);
            var lockedUntil = limits.AccountLockedUntil(account);

            var client = AttemptCount.None(now);
            if (keys.Client is { } clientKey)
            {
                client = AttemptCount.Current(Read(clientKey, now), now, limits.ClientWindow, sliding: false);
                var clientUntil = limits.ClientLockedUntil(client);
                lockedUntil = clientUntil > lockedUntil ? clientUntil : lockedUntil;
            }

            if (lockedUntil > now)
            {
                return ValueTask.FromResult<TimeSpan?>(lockedUntil - now);
            }

            Write(keys.Account, account.Add(now), now + limits.AccountWindow, now);
            if (keys.Client is { } key)
            {
                Write(key, client.Add(now), client.First + limits.ClientWindow, now);
            }

            return ValueTask.FromResult<TimeSpan?>(null);
        }
    }

    public ValueTask ReleaseAsync(AttemptKeys keys, bool clearAccount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (clearAccount)
            {
                _entries.Remove(keys.Account);
            }
            else
            {
                GiveBack(keys.Account);
            }

            if (keys.Client is { } client)
            {
                GiveBack(client);
            }
        }

        return ValueTask.CompletedTask;
    }

    private AttemptCount? Read(string key, DateTimeOffset now) =>
        _entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now ? entry.Count : null;

    private void Write(string key, AttemptCount count, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (!_entries.ContainsKey(key) && _entries.Count >= _capacity)
        {
            MakeRoom(now);
        }

        _entries[key] = new Entry(count, expiresAt);
    }

    private void GiveBack(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return;
        }

        if (entry.Count.Attempts <= 1)
        {
            _entries.Remove(key);
        }
        else
        {
            _entries[key] = entry with { Count = entry.Count with { Attempts = entry.Count.Attempts - 1 } };
        }
    }

    /// <summary>Frees a tenth of the capacity, so a full store does not scan on every write.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var expired in _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
        {
            _entries.Remove(expired);
        }

        var target = _capacity - Math.Max(1, _capacity / 10);
        if (_entries.Count <= target)
        {
            return;
        }

        foreach (var key in _entries.OrderBy(e => e.Value.ExpiresAt).Take(_entries.Count - target).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }

    private readonly record struct Entry(AttemptCount Count, DateTimeOffset ExpiresAt);
}
