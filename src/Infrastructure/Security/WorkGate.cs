using System.Threading.RateLimiting;
using FastApiLearning.Application.Common.Exceptions;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// Lets at most <c>concurrency</c> pieces of CPU-bound work run at once, each on one of as many
/// <see cref="DedicatedThreads"/>; the rest wait asynchronously (holding no thread) in a queue of at
/// most <c>maxQueue</c>. Past that the work is refused at once, so a flood of logins cannot take
/// every thread or grow a queue without end. The slots and the queue are the framework's
/// <see cref="ConcurrencyLimiter"/>; only where the work runs is ours.
/// </summary>
public sealed class WorkGate : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly DedicatedThreads _threads;

    /// <param name="niceness">The threads' Linux nice value: 0 normal, up to 19 the lowest priority.</param>
    public WorkGate(int concurrency, int maxQueue, int niceness = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueue);
        // OldestFirst refuses a newcomer when the queue is full (NewestFirst would evict the oldest
        // waiter instead), and with QueueLimit = 0 it refuses at once whenever every slot is busy.
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = concurrency,
            QueueLimit = maxQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _threads = new DedicatedThreads(concurrency, niceness, "work-gate");
    }

    /// <summary>How much work is waiting for a slot now (at most <c>maxQueue</c>, so an int).</summary>
    public int Queued => (int)(_limiter.GetStatistics()?.CurrentQueuedCount ?? 0);

    public async ValueTask<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        // Cancellation only reaches a queued caller (the limiter then frees its queue place); work
        // that has a slot runs to the end, as a hash cannot be stopped halfway anyway.
        using var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new ResourceUnavailableException("Too many logins are being processed; try again shortly.", TimeSpan.FromSeconds(1));
        }

        return await _threads.RunAsync(work).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _threads.Dispose();
        _limiter.Dispose();
    }
}
