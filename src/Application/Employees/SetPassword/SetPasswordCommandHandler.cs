using System.Globalization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;

namespace FastApiLearning.Application.Employees.SetPassword;

public sealed class SetPasswordCommandHandler(
    IEmployeeStore employees,
    IPasswordHasher passwordHasher,
    IRevocationStore revocations,
    TimeProvider timeProvider) : ICommandHandler<SetPasswordCommand, bool>
{
    public async ValueTask<bool> Handle(SetPasswordCommand command, CancellationToken cancellationToken)
    {
        if (await employees.FindByEmailAsync(Employee.NormalizeEmail(command.Email), cancellationToken) is not { } employee)
        {
            return false;
        }

        var hash = await passwordHasher.HashAsync(command.Password, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (!await employees.SetPasswordHashAsync(employee.EmpNo, hash, now, cancellationToken))
        {
            return false;
        }

        // The database tells every instance on its next request; a shared revocation store (Redis) too.
        await revocations.RevokeAllAsync(employee.EmpNo.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
        return true;
    }
}
