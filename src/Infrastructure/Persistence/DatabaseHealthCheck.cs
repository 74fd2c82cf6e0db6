using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>Readiness: the employees table answers a query, within <see cref="DatabaseOptions.Timeout"/>.</summary>
public sealed class DatabaseHealthCheck(DatabaseCalls calls) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // On the connections the requests' lookups use; the table, not just the server, must answer.
            await calls.RunAsync((connections, ct) => connections.ScalarAsync("SELECT emp_no FROM employees LIMIT 1", ct), cancellationToken);
            return HealthCheckResult.Healthy("The employees database answered.");
        }
        catch (Application.Common.Exceptions.ResourceUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(DatabaseErrors.UnavailableMessage, e);
        }
    }
}
