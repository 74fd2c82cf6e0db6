using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.UnitTests.Support;

/// <summary>
/// The standard in-memory distributed cache, judging expiry by a test's fake clock: a store under
/// test and its cache must read the same time.
/// </summary>
public static class FakeClockCache
{
    public static MemoryDistributedCache Create(TimeProvider timeProvider) =>
        new(Options.Create(new MemoryDistributedCacheOptions { Clock = new TimeProviderClock(timeProvider) }));

    private sealed class TimeProviderClock(TimeProvider timeProvider) : ISystemClock
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
}
