using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure.Redis;

/// <summary>Readiness: Redis answers a PING on the service's own connection, within its timeout.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            return HealthCheckResult.Unhealthy(RedisConnection.UnavailableMessage, e);
        }
    }
}
