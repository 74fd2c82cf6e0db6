using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>
/// Every Redis command of the stores goes through here: it waits at most <see cref="RedisOptions.Timeout"/>
/// by the service's clock (the client library checks its own timeouts only about once a second), and
/// "Redis did not answer" becomes a 503, never a request let in or a 500.
/// </summary>
public sealed class RedisCalls(IConnectionMultiplexer redis, IOptions<RedisOptions> options, TimeProvider timeProvider)
{
    private readonly TimeSpan _timeout = options.Value.Timeout;

    public string KeyPrefix { get; } = options.Value.KeyPrefix;

    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            return await command(redis.GetDatabase()).WaitAsync(_timeout, timeProvider, cancellationToken);
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            throw RedisConnection.Unavailable(e);
        }
    }

    public Task RunAsync(Func<IDatabase, Task> command, CancellationToken cancellationToken) =>
        RunAsync(async db =>
        {
            await command(db);
            return true;
        }, cancellationToken);
}
