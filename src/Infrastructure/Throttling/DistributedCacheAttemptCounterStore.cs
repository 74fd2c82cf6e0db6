using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;

namespace FastApiLearning.Infrastructure.Throttling;

/// <summary>
/// Counters in <see cref="IDistributedCache"/>. A read-modify-write there is not atomic, so each
/// key is updated under a lock: exact within one process (the in-memory default). Instances that
/// share a Redis use the Redis store, whose increment is atomic on the server.
/// </summary>
public sealed class DistributedCacheAttemptCounterStore(IDistributedCache cache) : IAttemptCounterStore, IDisposable
{
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async ValueTask<AttemptCount?> GetAsync(string key, CancellationToken cancellationToken) =>
        Decode(await cache.GetAsync(key, cancellationToken));

    public async ValueTask<AttemptCount> RecordFailureAsync(
        string key, DateTimeOffset now, TimeSpan window, bool sliding, CancellationToken cancellationToken)
    {
        var gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var next = AttemptCount.Next(Decode(await cache.GetAsync(key, cancellationToken)), now, window, sliding);
            await cache.SetAsync(
                key,
                Encode(next),
                new DistributedCacheEntryOptions { AbsoluteExpiration = next.ExpiresAt(window, sliding) },
                cancellationToken);
            return next;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask ResetAsync(string key, CancellationToken cancellationToken) =>
        await cache.RemoveAsync(key, cancellationToken);

    public void Dispose()
    {
        foreach (var gate in _locks)
        {
            gate.Dispose();
        }
    }

    private static byte[] Encode(AttemptCount count)
    {
        var bytes = new byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, count.Failures);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4), count.FirstFailureAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), count.LastFailureAt.ToUnixTimeMilliseconds());
        return bytes;
    }

    private static AttemptCount? Decode(byte[]? bytes) =>
        bytes is { Length: 20 }
            ? new AttemptCount(
                BinaryPrimitives.ReadInt32LittleEndian(bytes),
                DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4))),
                DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12))))
            : null;
}
