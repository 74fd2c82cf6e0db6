using System.Globalization;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.UpdateEmployee;

public sealed class UpdateEmployeeCommandHandler(IEmployeeDirectory directory, ILoggerFactory loggerFactory)
    : ICommandHandler<UpdateEmployeeCommand, UpdateEmployeeResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<UpdateEmployeeResult> Handle(UpdateEmployeeCommand command, CancellationToken cancellationToken)
    {
        var caller = command.Caller;
        var anyone = caller.Holds(Scopes.AdminWrite);
        var own = caller.Is(command.EmpNo);
        if (!anyone && !(own && caller.Holds(Scopes.UserWrite)))
        {
            return Forbidden(command, own ? Scopes.UserWrite : Scopes.AdminWrite);
        }

        if (command.ExpectedVersion is not { } expectedVersion)
        {
            return UpdateEmployeeResult.PreconditionRequired;
        }

        if (!anyone)
        {
            // user:write covers the names, the gender and the birth date. The record is read to compare
            // the rest; the version check of the update below makes sure nothing moved in between.
            if (await directory.FindVersionedAsync(command.EmpNo, cancellationToken) is not { } current)
            {
                return UpdateEmployeeResult.NotFound;
            }

            if (current.Version != expectedVersion)
            {
                return new UpdateEmployeeResult.Stale(current.Version);
            }

            if (Employee.NormalizeEmail(command.Details.Email) != current.Employee.Email
                || command.Details.HireDate != current.Employee.HireDate)
            {
                return Forbidden(command, Scopes.AdminWrite);
            }
        }

        DirectoryUpdate update;
        try
        {
            update = await directory.UpdateAsync(command.EmpNo, command.Details, expectedVersion, cancellationToken);
        }
        catch (EmailTakenException)
        {
            return UpdateEmployeeResult.EmailTaken;
        }

        switch (update)
        {
            case DirectoryUpdate.Updated updated:
                SecurityLog.EmployeeUpdated(_log, updated.Employee.Employee.Email, command.EmpNo, caller.EmpNo);
                return new UpdateEmployeeResult.Updated(EmployeeProfile.From(updated.Employee.Employee), updated.Employee.Version);
            case DirectoryUpdate.Stale stale:
                return new UpdateEmployeeResult.Stale(stale.CurrentVersion);
            default:
                return UpdateEmployeeResult.NotFound;
        }
    }

    private UpdateEmployeeResult Forbidden(UpdateEmployeeCommand command, string requiredScope)
    {
        SecurityLog.AccessDenied(
            _log,
            command.Caller.EmpNo,
            string.Create(CultureInfo.InvariantCulture, $"employee {command.EmpNo} (edit)"),
            requiredScope,
            clientIp: null);
        return new UpdateEmployeeResult.Forbidden(requiredScope);
    }
}
