namespace FastApiLearning.Infrastructure.Throttling;

/// <summary>
/// Attempt counters that expire by themselves, shared by every instance that shares the store.
/// Deciding whether an attempt may go ahead and counting it are one atomic step.
/// </summary>
public interface IAttemptCounterStore
{
    /// <summary>
    /// Atomically: when the account or the client is locked under <paramref name="limits"/>, counts
    /// nothing and returns how long to wait; otherwise counts one attempt against both and returns <c>null</c>.
    /// </summary>
    ValueTask<TimeSpan?> TryReserveAsync(AttemptKeys keys, DateTimeOffset now, AttemptLimits limits, CancellationToken cancellationToken);

    /// <summary>
    /// Gives one attempt back to both counters; <paramref name="clearAccount"/> removes the account's
    /// count altogether.
    /// </summary>
    ValueTask ReleaseAsync(AttemptKeys keys, bool clearAccount, CancellationToken cancellationToken);
}

/// <param name="Account">The username's key, or a trusted device's.</param>
/// <param name="Client">The client address's key, when the address is known.</param>
public readonly record struct AttemptKeys(string Account, string? Client);

/// <summary>
/// The lock rules. Account: attempts further apart than <see cref="AccountWindow"/> start the count
/// again; from <see cref="MaxAccountAttempts"/> on, each locks the account for <see cref="InitialBackoff"/>,
/// doubled per further attempt up to <see cref="MaxBackoff"/>, from the last one. Client: at most
/// <see cref="MaxClientAttempts"/> in a fixed <see cref="ClientWindow"/> from its first.
/// </summary>
public sealed record AttemptLimits(
    int MaxAccountAttempts,
    TimeSpan AccountWindow,
    TimeSpan InitialBackoff,
    TimeSpan MaxBackoff,
    int MaxClientAttempts,
    TimeSpan ClientWindow)
{
    /// <summary>When the account is free again; <see cref="DateTimeOffset.MinValue"/> when it is not locked.</summary>
    public DateTimeOffset AccountLockedUntil(AttemptCount account)
    {
        if (account.Attempts < MaxAccountAttempts)
        {
            return DateTimeOffset.MinValue;
        }

        var backoff = InitialBackoff * Math.Pow(2, Math.Min(account.Attempts - MaxAccountAttempts, 20));
        return account.Last + (backoff < MaxBackoff ? backoff : MaxBackoff);
    }

    public DateTimeOffset ClientLockedUntil(AttemptCount client) =>
        client.Attempts >= MaxClientAttempts ? client.First + ClientWindow : DateTimeOffset.MinValue;
}

/// <summary>Attempts counted (and not given back) since <see cref="First"/>; the latest at <see cref="Last"/>.</summary>
public readonly record struct AttemptCount(int Attempts, DateTimeOffset First, DateTimeOffset Last)
{
    public static AttemptCount None(DateTimeOffset now) => new(0, now, now);

    /// <summary>The count as it stands at <paramref name="now"/>: a new one once the window has passed.</summary>
    public static AttemptCount Current(AttemptCount? stored, DateTimeOffset now, TimeSpan window, bool sliding) =>
        stored is { } count && now - (sliding ? count.Last : count.First) < window ? count : None(now);

    public AttemptCount Add(DateTimeOffset now) => this with { Attempts = Attempts + 1, Last = now };
}
