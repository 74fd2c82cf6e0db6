using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.AddEmployee;

public sealed class AddEmployeeCommandHandler(
    IEmployeeStore employees,
    IPasswordHasher passwordHasher,
    ILoggerFactory loggerFactory) : ICommandHandler<AddEmployeeCommand, Employee>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    /// <exception cref="Common.Exceptions.EmailTakenException">Another employee has this email (the store decides, atomically).</exception>
    public async ValueTask<Employee> Handle(AddEmployeeCommand command, CancellationToken cancellationToken)
    {
        var hash = await passwordHasher.HashAsync(command.Password, cancellationToken);
        var employee = await employees.AddAsync(
            new NewEmployee(
                Employee.NormalizeEmail(command.Email),
                hash,
                command.BirthDate,
                command.FirstName,
                command.LastName,
                command.Gender,
                command.HireDate),
            cancellationToken);

        SecurityLog.EmployeeAdded(_log, employee.Email, employee.EmpNo);
        return employee;
    }
}
