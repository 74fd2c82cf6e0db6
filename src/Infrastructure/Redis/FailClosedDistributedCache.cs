using Microsoft.Extensions.Caching.Distributed;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>
/// The Redis cache, with "Redis did not answer" turned into <see cref="Application.Common.Exceptions.ServiceUnavailableException"/>:
/// a revocation that cannot be checked is a 503, never a request let in or a 500.
/// </summary>
public sealed class FailClosedDistributedCache(IDistributedCache inner) : IDistributedCache
{
    public byte[]? Get(string key) => Guard(() => inner.Get(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            return await inner.GetAsync(key, token);
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            throw RedisConnection.Unavailable(e);
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => inner.Set(key, value, options));

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await GuardAsync(() => inner.SetAsync(key, value, options, token));

    public void Refresh(string key) => Guard(() => inner.Refresh(key));

    public async Task RefreshAsync(string key, CancellationToken token = default) => await GuardAsync(() => inner.RefreshAsync(key, token));

    public void Remove(string key) => Guard(() => inner.Remove(key));

    public async Task RemoveAsync(string key, CancellationToken token = default) => await GuardAsync(() => inner.RemoveAsync(key, token));

    private static T Guard<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            throw RedisConnection.Unavailable(e);
        }
    }

    private static void Guard(Action call) => Guard(() =>
    {
        call();
        return true;
    });

    private static async Task GuardAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            throw RedisConnection.Unavailable(e);
        }
    }
}
