using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>Readiness: the employees table answers a query, within <see cref="DatabaseOptions.Timeout"/>.</summary>
public sealed class DatabaseHealthCheck(DatabaseCalls calls) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await calls.RunAsync((db, ct) => db.Employees.AsNoTracking().Select(e => e.EmpNo).FirstOrDefaultAsync(ct), cancellationToken);
            return HealthCheckResult.Healthy("The employees database answered.");
        }
        catch (Application.Common.Exceptions.ResourceUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(DatabaseErrors.UnavailableMessage, e);
        }
    }
}
