using System.Globalization;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.RevokeScopes;

public sealed class RevokeScopesCommandHandler(
    IEmployeeStore employees,
    IScopeGrantStore scopeGrants,
    IRevocationStore revocations,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<RevokeScopesCommand, IReadOnlyList<string>?>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<IReadOnlyList<string>?> Handle(RevokeScopesCommand command, CancellationToken cancellationToken)
    {
        if (await employees.FindByEmailAsync(Employee.NormalizeEmail(command.Email), cancellationToken) is not { } employee)
        {
            return null;
        }

        var recorded = await scopeGrants.FindGrantedScopesAsync(employee.EmpNo, cancellationToken);
        var held = Scopes.Canonical((recorded ?? Scopes.Default).Except(command.Scopes, StringComparer.Ordinal));
        if (recorded is not null && recorded.ToHashSet(StringComparer.Ordinal).SetEquals(held))
        {
            return held; // nothing changes: the live tokens may stay
        }

        // The grants and the cutoff in one write: every instance reads the cutoff on each request, so
        // no token issued up to now keeps a scope that was taken away, even from another process.
        var now = timeProvider.GetUtcNow();
        if (!await scopeGrants.SetGrantedScopesAsync(employee.EmpNo, held, now, cancellationToken))
        {
            return null; // removed since it was found
        }

        SecurityLog.ScopesRevoked(_log, employee.Email, employee.EmpNo, Scopes.Canonical(command.Scopes), held);

        // A shared revocation store (Redis) tells every instance at once, past any cache of the cutoff; with an
        // instant read after the write, as the logout does, so a token a refresh minted meanwhile is covered too.
        await revocations.RevokeAllAsync(employee.EmpNo.ToString(CultureInfo.InvariantCulture), timeProvider.GetUtcNow(), cancellationToken);
        return held;
    }
}
