namespace FastApiLearning.Infrastructure.Throttling;

/// <summary>Failure counters that expire by themselves, shared by every instance that shares the store.</summary>
public interface IAttemptCounterStore
{
    ValueTask<AttemptCount?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Adds one failure, atomically. The count starts again at one when <paramref name="window"/>
    /// has passed since the last failure (<paramref name="sliding"/>) or since the first.
    /// The entry expires one window after that same instant.
    /// </summary>
    ValueTask<AttemptCount> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, bool sliding, CancellationToken cancellationToken);

    ValueTask ResetAsync(string key, CancellationToken cancellationToken);
}

public readonly record struct AttemptCount(int Failures, DateTimeOffset FirstFailureAt, DateTimeOffset LastFailureAt)
{
    public static AttemptCount Next(AttemptCount? current, DateTimeOffset now, TimeSpan window, bool sliding) =>
        current is { } count && now - (sliding ? count.LastFailureAt : count.FirstFailureAt) < window
            ? count with { Failures = count.Failures + 1, LastFailureAt = now }
            : new AttemptCount(1, now, now);

    public DateTimeOffset ExpiresAt(TimeSpan window, bool sliding) => (sliding ? LastFailureAt : FirstFailureAt) + window;
}
