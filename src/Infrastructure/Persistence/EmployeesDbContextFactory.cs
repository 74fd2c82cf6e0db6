using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// The configured provider's pooled contexts as the one model the store, import and migrator use
/// (<see cref="IDbContextFactory{TContext}"/> is not covariant).
/// </summary>
public sealed class EmployeesDbContextFactory<TContext>(IDbContextFactory<TContext> contexts) : IDbContextFactory<EmployeesDbContext>
    where TContext : EmployeesDbContext
{
    public EmployeesDbContext CreateDbContext() => contexts.CreateDbContext();

    public async Task<EmployeesDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}
