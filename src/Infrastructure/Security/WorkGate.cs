using FastApiLearning.Application.Common.Exceptions;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// Lets at most <c>concurrency</c> pieces of CPU-bound work run at once, each on one of as many
/// <see cref="DedicatedThreads"/>; the rest wait asynchronously (holding no thread) in a queue of at
/// most <c>maxQueue</c>. Past that the work is refused at once, so a flood of logins cannot take
/// every thread or grow a queue without end.
/// </summary>
public sealed class WorkGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly DedicatedThreads _threads;
    private readonly int _maxQueue;
    private int _queued;

    /// <param name="niceness">The threads' Linux nice value: 0 normal, up to 19 the lowest priority.</param>
    public WorkGate(int concurrency, int maxQueue, int niceness = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueue);
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _threads = new DedicatedThreads(concurrency, niceness, "work-gate");
        _maxQueue = maxQueue;
    }

    /// <summary>How much work is waiting for a slot now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    public async ValueTask<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0))
        {
            if (Interlocked.Increment(ref _queued) > _maxQueue)
            {
                Interlocked.Decrement(ref _queued);
                throw new ServiceUnavailableException("Too many logins are being processed; try again shortly.", TimeSpan.FromSeconds(1));
            }

            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }

        try
        {
            return await _threads.RunAsync(work).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _threads.Dispose();
        _slots.Dispose();
    }
}
