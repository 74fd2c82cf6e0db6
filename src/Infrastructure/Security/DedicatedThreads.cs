using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// A fixed set of threads for CPU-heavy work, outside the thread pool. The pool stays free for
/// requests; the same few threads (and so the same few native heaps, where libsodium's 19 MiB
/// Argon2 buffers live) are reused; and on Linux the threads run at a lower scheduling priority
/// (a positive nice value), so that under contention the kernel favours request threads.
/// </summary>
public sealed partial class DedicatedThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];

    public DedicatedThreads(int count, int niceness, string name)
    {
        for (var i = 0; i < count; i++)
        {
            new Thread(() => Loop(niceness)) { IsBackground = true, Name = $"{name}-{i}" }.Start();
        }
    }

    public Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    public void Dispose() => _work.CompleteAdding();

    private void Loop(int niceness)
    {
        if (niceness != 0 && OperatingSystem.IsLinux())
        {
            // PRIO_PROCESS with who = 0 names the calling thread on Linux. Failing is harmless:
            // the work then runs at normal priority.
            _ = SetPriority(0, 0, niceness);
        }

        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
