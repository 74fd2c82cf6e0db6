using System.Globalization;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.GrantScopes;

public sealed class GrantScopesCommandHandler(
    IEmployeeStore employees,
    IScopeGrantStore scopeGrants,
    IRevocationStore revocations,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<GrantScopesCommand, IReadOnlyList<string>?>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<IReadOnlyList<string>?> Handle(GrantScopesCommand command, CancellationToken cancellationToken)
    {
        if (await employees.FindByEmailAsync(Employee.NormalizeEmail(command.Email), cancellationToken) is not { } employee)
        {
            return null;
        }

        var recorded = await scopeGrants.FindGrantedScopesAsync(employee.EmpNo, cancellationToken);
        var held = Scopes.Canonical((recorded ?? Scopes.Default).Concat(command.Scopes));
        if (recorded is not null && recorded.ToHashSet(StringComparer.Ordinal).SetEquals(held))
        {
            return held; // nothing changes: the live tokens may stay
        }

        // The grants and the cutoff in one write: every instance reads the cutoff on each request, so
        // tokens issued up to now are refused even though this may run in another process.
        var now = timeProvider.GetUtcNow();
        if (!await scopeGrants.SetGrantedScopesAsync(employee.EmpNo, held, now, cancellationToken))
        {
            return null; // removed since it was found
        }

        SecurityLog.ScopesGranted(_log, employee.Email, employee.EmpNo, Scopes.Canonical(command.Scopes), held);

        // The database once more, with an instant read after that write: without Redis (the CLI, another process)
        // the revocation store below reaches nobody else, and a token a refresh or login minted between `now` and
        // the commit would survive the database's cutoff. One minting after this instant re-reads the cutoff after
        // its own write and ends itself: each side checks after its own write. The cutoff only moves forward.
        var written = timeProvider.GetUtcNow();
        await employees.SetTokensValidAfterAsync(employee.EmpNo, written, cancellationToken);

        // A shared revocation store (Redis) tells every instance at once, past any cache of the cutoff.
        await revocations.RevokeAllAsync(employee.EmpNo.ToString(CultureInfo.InvariantCulture), written, cancellationToken);
        return held;
    }
}
