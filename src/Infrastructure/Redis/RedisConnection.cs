using FastApiLearning.Application.Common.Exceptions;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>
/// One multiplexer for the process, set to fail closed and recover: it starts (and keeps
/// reconnecting in the background) whether or not Redis answers. A command issued while it has no
/// connection waits for one at most <see cref="RedisOptions.Timeout"/>, then fails (503); waiting,
/// rather than failing at once, lets the first requests after start-up or a reconnect through.
/// </summary>
public static class RedisConnection
{
    public const string UnavailableMessage = "The session store is unavailable";

    public static IConnectionMultiplexer Connect(string connectionString, RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        var timeout = (int)options.Timeout.TotalMilliseconds;
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        return ConnectionMultiplexer.Connect(configuration);
    }

    /// <summary>Whether an exception means "Redis did not answer" (as opposed to a bug).</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;

    public static ResourceUnavailableException Unavailable(Exception inner) =>
        new(UnavailableMessage, TimeSpan.FromSeconds(2), inner);
}
