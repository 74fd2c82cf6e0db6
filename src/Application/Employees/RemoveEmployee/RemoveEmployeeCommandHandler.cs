using System.Globalization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;

namespace FastApiLearning.Application.Employees.RemoveEmployee;

public sealed class RemoveEmployeeCommandHandler(
    IEmployeeStore employees,
    IRevocationStore revocations,
    TimeProvider timeProvider) : ICommandHandler<RemoveEmployeeCommand, bool>
{
    public async ValueTask<bool> Handle(RemoveEmployeeCommand command, CancellationToken cancellationToken)
    {
        if (await employees.FindByEmailAsync(Employee.NormalizeEmail(command.Email), cancellationToken) is not { } employee
            || !await employees.RemoveAsync(employee.EmpNo, cancellationToken))
        {
            return false;
        }

        // A gone employee's tokens are refused by the database check; a shared revocation store hears it too.
        await revocations.RevokeAllAsync(
            employee.EmpNo.ToString(CultureInfo.InvariantCulture), timeProvider.GetUtcNow(), cancellationToken);
        return true;
    }
}
