using System.Collections.Concurrent;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Infrastructure.Security;

namespace FastApiLearning.Infrastructure.UnitTests.Security;

public class WorkGateTests
{
    [Test]
    public async Task RunAsync_NeverRunsMoreThanTheConcurrencyAtOnce()
    {
        // Arrange
        using var gate = new WorkGate(concurrency: 2, maxQueue: 100);
        var running = 0;
        var mostAtOnce = 0;
        int Work()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            Thread.SpinWait(200_000);
            Interlocked.Decrement(ref running);
            return now;
        }

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => gate.RunAsync(Work, CancellationToken.None).AsTask())));

        // Assert
        Assert.That(results, Has.Length.EqualTo(40));
        Assert.That(mostAtOnce, Is.InRange(1, 2));
        Assert.That(gate.Queued, Is.Zero);
    }

    [Test]
    public async Task RunAsync_WhenTheQueueIsFull_RefusesAtOnceWithRetryAfter()
    {
        // Arrange: one slot held, one waiting = the queue of one is full.
        using var gate = new WorkGate(concurrency: 1, maxQueue: 1);
        using var release = new ManualResetEventSlim();
        var holder = await HoldTheOnlySlotAsync(gate, release);
        var waiter = gate.RunAsync(() => true, CancellationToken.None).AsTask();
        await WaitUntilAsync(() => gate.Queued == 1);

        // Act
        var refused = await Assert.ThrowsAsync<ResourceUnavailableException>(async () => await gate.RunAsync(() => true, CancellationToken.None));

        // Assert
        Assert.That(refused?.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        release.Set();
        Assert.That(await holder, Is.True);
        Assert.That(await waiter, Is.True);
        Assert.That(gate.Queued, Is.Zero);
    }

    [Test]
    public async Task RunAsync_WhenThereIsNoQueueAndTheSlotIsBusy_RefusesAtOnce()
    {
        // Arrange: MaxQueue = 0 means no login waits; LoginFloodTests relies on it.
        using var gate = new WorkGate(concurrency: 1, maxQueue: 0);
        using var release = new ManualResetEventSlim();
        var holder = await HoldTheOnlySlotAsync(gate, release);

        // Act
        var refused = await Assert.ThrowsAsync<ResourceUnavailableException>(async () => await gate.RunAsync(() => true, CancellationToken.None));

        // Assert
        Assert.That(refused?.Message, Is.EqualTo("Too many logins are being processed; try again shortly."));
        Assert.That(refused?.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(gate.Queued, Is.Zero);
        release.Set();
        Assert.That(await holder, Is.True);
    }

    [Test]
    public async Task RunAsync_RunsQueuedWorkOldestFirst()
    {
        // Arrange
        using var gate = new WorkGate(concurrency: 1, maxQueue: 3);
        using var release = new ManualResetEventSlim();
        var holder = await HoldTheOnlySlotAsync(gate, release);
        var order = new ConcurrentQueue<int>();
        var waiters = new List<Task<bool>>();
        for (var i = 0; i < 3; i++)
        {
            var n = i;
            waiters.Add(gate.RunAsync(
                () =>
                {
                    order.Enqueue(n);
                    return true;
                },
                CancellationToken.None).AsTask());
            await WaitUntilAsync(() => gate.Queued == n + 1);
        }

        // Act
        release.Set();
        await Task.WhenAll(waiters);

        // Assert
        Assert.That(await holder, Is.True);
        Assert.That(order, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(gate.Queued, Is.Zero);
    }

    [Test]
    public async Task RunAsync_WhenAWaiterIsCancelled_ItsQueueSlotIsReleased()
    {
        // Arrange
        using var gate = new WorkGate(concurrency: 1, maxQueue: 1);
        using var release = new ManualResetEventSlim();
        var holder = await HoldTheOnlySlotAsync(gate, release);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.RunAsync(() => true, cancel.Token).AsTask();
        await WaitUntilAsync(() => gate.Queued == 1);

        // Act
        await cancel.CancelAsync();

        // Assert
        await Assert.ThatAsync(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(gate.Queued, Is.Zero);
        var next = gate.RunAsync(() => "ran", CancellationToken.None).AsTask();
        release.Set();
        Assert.That(await next, Is.EqualTo("ran"));
    }

    [Test]
    public async Task RunAsync_WhenWorkThrows_ReleasesTheSlot()
    {
        // Arrange
        using var gate = new WorkGate(concurrency: 1, maxQueue: 0);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await gate.RunAsync<int>(() => throw new InvalidOperationException(), CancellationToken.None));

        // Assert
        Assert.That(await gate.RunAsync(() => 7, CancellationToken.None), Is.EqualTo(7));
    }

    [Test]
    public async Task RunAsync_RunsWorkOnDedicatedThreadsWithTheGivenNiceness()
    {
        // Arrange
        using var gate = new WorkGate(concurrency: 1, maxQueue: 0, niceness: 7);

        // Act
        var (isPoolThread, niceness) = await gate.RunAsync(
            () => (Thread.CurrentThread.IsThreadPoolThread, OperatingSystem.IsLinux() ? ThreadNiceness() : 7),
            CancellationToken.None);

        // Assert
        Assert.That(isPoolThread, Is.False);
        Assert.That(niceness, Is.EqualTo(7));
    }

    /// <summary>Field 19 of /proc/thread-self/stat (after the parenthesised name) is the nice value.</summary>
    private static int ThreadNiceness()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Starts work that keeps the gate's one slot until <paramref name="release"/> is set.</summary>
    private static async Task<Task<bool>> HoldTheOnlySlotAsync(WorkGate gate, ManualResetEventSlim release)
    {
        using var holding = new ManualResetEventSlim();
        var holder = gate.RunAsync(
            () =>
            {
                holding.Set();
                return release.Wait(TimeSpan.FromSeconds(30));
            },
            CancellationToken.None).AsTask();
        await WaitUntilAsync(() => holding.IsSet);
        return holder;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>Waits for another task to reach a state; bounded, so a bug fails instead of hanging.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Yield();
            await Task.Delay(5);
        }

        Assert.That(condition(), Is.True, "the state was never reached");
    }
}
