using System.Globalization;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.RemoveEmployee;

public sealed class RemoveEmployeeCommandHandler(
    IEmployeeStore employees,
    IRevocationStore revocations,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<RemoveEmployeeCommand, bool>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<bool> Handle(RemoveEmployeeCommand command, CancellationToken cancellationToken)
    {
        if (await employees.FindByEmailAsync(Employee.NormalizeEmail(command.Email), cancellationToken) is not { } employee
            || !await employees.RemoveAsync(employee.EmpNo, cancellationToken))
        {
            return false;
        }

        // Logged once the database holds it: if the revocation store fails next, the employee is still gone.
        SecurityLog.EmployeeRemoved(_log, employee.Email, employee.EmpNo);

        // A gone employee's tokens are refused by the database check on every instance; a shared
        // revocation store (Redis) hears it too, past any cache of that check.
        await revocations.RevokeAllAsync(
            employee.EmpNo.ToString(CultureInfo.InvariantCulture), timeProvider.GetUtcNow(), cancellationToken);
        return true;
    }
}
