using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>
/// Once at start-up, warns when the connected Redis could lose what the service keeps in it: a
/// revocation lives only as long as Redis keeps it, so a Redis that persists nothing (a restart) or
/// evicts keys (memory pressure) silently lets a logged-out token work again. It reads <c>INFO</c>,
/// which managed services allow where they often refuse <c>CONFIG GET</c>; it never fails start-up
/// and never holds it up longer than <see cref="RedisOptions.Timeout"/>.
/// </summary>
public sealed partial class RedisConfigurationCheck(
    IServiceProvider services, IOptions<RedisOptions> options, ILogger<RedisConfigurationCheck> logger) : IHostedService
{
    /// <summary>What one primary reported; <c>SavePoints</c> is <c>null</c> when <c>CONFIG GET save</c> was refused.</summary>
    private sealed record Settings(string Endpoint, bool AppendOnly, string? SavePoints, string EvictionPolicy);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.Timeout;
        try
        {
            // The multiplexer is resolved in here, on a pool thread, because connecting blocks: the
            // connection and the commands together get one timeout.
            var servers = await Task.Run(
                () => ReadAsync(services.GetRequiredService<IConnectionMultiplexer>()), cancellationToken)
                .WaitAsync(timeout, cancellationToken);
            foreach (var server in servers)
            {
                Report(server);
            }
        }
        catch (TimeoutException)
        {
            LogUnchecked(logger, $"Redis did not answer within {timeout}", null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, this check is advice: the service starts and fails closed as usual.
            LogUnchecked(logger, e.Message, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<List<Settings>> ReadAsync(IConnectionMultiplexer redis)
    {
        var primaries = redis.GetServers().Where(server => !server.IsReplica).ToList();
        if (primaries.Count == 0)
        {
            throw new InvalidOperationException("the connection names no primary");
        }

        var settings = new List<Settings>();
        foreach (var server in primaries)
        {
            var persistence = await InfoAsync(server, "persistence");
            var memory = await InfoAsync(server, "memory");
            settings.Add(new Settings(
                EndPointCollection.ToString(server.EndPoint),
                persistence.GetValueOrDefault("aof_enabled") == "1",
                await SavePointsAsync(server),
                memory.GetValueOrDefault("maxmemory_policy") ?? "(not reported)"));
        }

        return settings;
    }

    /// <summary>The <c>field:value</c> lines of one INFO section.</summary>
    private static async Task<Dictionary<string, string>> InfoAsync(IServer server, string section)
    {
        // INFO and CONFIG GET go as plain commands: IServer.InfoAsync and ConfigGetAsync are refused by the
        // client unless the connection string has allowAdmin, which the service needs for nothing else.
        var info = (string?)await server.ExecuteAsync("INFO", section) ?? "";
        return info.Split('\n', StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
    }

    /// <summary>RDB save points are not in INFO; <c>CONFIG GET</c> is often refused by managed services.</summary>
    private static async Task<string?> SavePointsAsync(IServer server)
    {
        try
        {
            // The reply is ["save", "3600 1 300 100"], or ["save", ""] when there are none.
            var reply = (string?[]?)await server.ExecuteAsync("CONFIG", "GET", "save");
            return reply is [_, var savePoints] ? savePoints ?? "" : null;
        }
        catch (RedisServerException)
        {
            // Refused: an ACL without CONFIG, or a service that renamed or disabled the command.
            return null;
        }
    }

    private void Report(Settings server)
    {
        if (server.EvictionPolicy != "noeviction")
        {
            LogMayEvict(logger, server.Endpoint, server.EvictionPolicy);
        }

        if (server.AppendOnly)
        {
            return;
        }

        if (server.SavePoints is null)
        {
            LogMayNotPersist(logger, server.Endpoint);
        }
        else if (string.IsNullOrWhiteSpace(server.SavePoints))
        {
            LogNotPersistent(logger, server.Endpoint);
        }
    }

    [LoggerMessage(EventId = 2001, EventName = "RedisMayEvict", Level = LogLevel.Warning,
        Message = "Redis {Endpoint} has maxmemory-policy {Policy}: under memory pressure it may evict a revocation, "
            + "and the logged-out token then works again. Set maxmemory-policy noeviction "
            + "(a full Redis then refuses writes, and the service answers 503).")]
    private static partial void LogMayEvict(ILogger logger, string endpoint, string policy);

    [LoggerMessage(EventId = 2002, EventName = "RedisNotPersistent", Level = LogLevel.Warning,
        Message = "Redis {Endpoint} persists nothing (appendonly no, no save points): a restart of Redis forgets "
            + "every revocation and throttle count. Set appendonly yes, or save points (e.g. save 60 1).")]
    private static partial void LogNotPersistent(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2003, EventName = "RedisMayNotPersist", Level = LogLevel.Warning,
        Message = "Redis {Endpoint} has appendonly no, and its save points could not be read (CONFIG GET refused), "
            + "so this judges by appendonly alone: without save points a restart of Redis forgets every revocation "
            + "and throttle count. Set appendonly yes, or make sure it has save points (e.g. save 60 1).")]
    private static partial void LogMayNotPersist(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2004, EventName = "RedisConfigurationUnchecked", Level = LogLevel.Warning,
        Message = "Could not check the Redis configuration at start-up ({Reason}); the service starts anyway. "
            + "Redis must have appendonly yes (or save points) and maxmemory-policy noeviction.")]
    private static partial void LogUnchecked(ILogger logger, string reason, Exception? exception);
}
