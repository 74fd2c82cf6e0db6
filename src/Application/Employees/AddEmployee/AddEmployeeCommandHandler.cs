using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;

namespace FastApiLearning.Application.Employees.AddEmployee;

public sealed class AddEmployeeCommandHandler(IEmployeeStore employees, IPasswordHasher passwordHasher)
    : ICommandHandler<AddEmployeeCommand, Employee>
{
    public async ValueTask<Employee> Handle(AddEmployeeCommand command, CancellationToken cancellationToken)
    {
        var hash = await passwordHasher.HashAsync(command.Password, cancellationToken);
        return await employees.AddAsync(
            new NewEmployee(
                Employee.NormalizeEmail(command.Email),
                hash,
                command.BirthDate,
                command.FirstName,
                command.LastName,
                command.Gender,
                command.HireDate),
            cancellationToken);
    }
}
