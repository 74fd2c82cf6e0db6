using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Every call of the employees store goes through here: a pooled context, at most
/// <see cref="DatabaseOptions.Timeout"/> by the service's clock, and "the database did not answer"
/// turned into a 503 (<see cref="Application.Common.Exceptions.ResourceUnavailableException"/>), never a 500;
/// a value the table refuses into the validation failure that is a 400.
/// </summary>
public sealed class DatabaseCalls(
    IDbContextFactory<EmployeesDbContext> contexts, EmployeesConnections connections, IOptions<DatabaseOptions> options, TimeProvider timeProvider)
{
    private readonly TimeSpan _timeout = options.Value.Timeout;

    public TimeSpan Timeout => _timeout;

    public ValueTask<T> RunAsync<T>(Func<EmployeesDbContext, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        BoundAsync(async token =>
        {
            await using var db = await contexts.CreateDbContextAsync(token);
            return await call(db, token);
        }, cancellationToken);

    /// <summary>Plain ADO.NET, for the query asked on every request (<see cref="EmployeesConnections"/>).</summary>
    public ValueTask<T> RunAsync<T>(Func<EmployeesConnections, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        BoundAsync(token => call(connections, token), cancellationToken);

    private async ValueTask<T> BoundAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, timeProvider);
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token)
            : null;
        var token = linked?.Token ?? timeout.Token;
        try
        {
            return await call(token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw DatabaseErrors.Unavailable(e);
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw DatabaseErrors.Unavailable(e);
        }
        catch (Exception e) when (DatabaseErrors.AsValidationFailure(e) is { } refused)
        {
            throw refused;
        }
    }
}
