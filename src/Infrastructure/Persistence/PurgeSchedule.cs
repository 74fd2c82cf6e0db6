namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// When a store's writes should also delete rows long expired: at most once per <see cref="Every"/> in
/// this instance, and only one of several writes arriving together does it.
/// </summary>
internal sealed class PurgeSchedule(TimeProvider timeProvider)
{
    /// <summary>How often one instance purges; several instances each purge on their own.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a row is kept past its expiry: a used value presented just after it expired is still told
    /// apart from a guess (a replay), and no write still working with it finds it gone.
    /// </summary>
    public static readonly TimeSpan KeepAfterExpiry = TimeSpan.FromMinutes(10);

    /// <summary>The most rows one purge deletes from a table, so that a backlog never makes a write time out.</summary>
    public const int BatchSize = 1000;

    private long _nextTicks;

    /// <summary>Whether this caller purges now; if so, <paramref name="before"/> is the expiry older rows are deleted by.</summary>
    public bool TryClaim(out DateTimeOffset before)
    {
        var now = timeProvider.GetUtcNow();
        before = now - KeepAfterExpiry;
        var next = Interlocked.Read(ref _nextTicks);
        return now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextTicks, (now + Every).UtcTicks, next) == next;
    }
}
