using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.CreateEmployee;

public sealed class CreateEmployeeCommandHandler(
    IEmployeeStore employees,
    IPasswordHasher passwordHasher,
    ILoggerFactory loggerFactory) : ICommandHandler<CreateEmployeeCommand, CreateEmployeeResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<CreateEmployeeResult> Handle(CreateEmployeeCommand command, CancellationToken cancellationToken)
    {
        // Before the hash: hashing is slow on purpose, and nobody without the scope may make the server do it.
        if (!command.Caller.Holds(Scopes.AdminWrite))
        {
            SecurityLog.AccessDenied(_log, command.Caller.EmpNo, "new employee", Scopes.AdminWrite, clientIp: null);
            return new CreateEmployeeResult.Forbidden(Scopes.AdminWrite);
        }

        var details = command.Details;
        var hash = await passwordHasher.HashAsync(command.Password, cancellationToken);
        Employee employee;
        try
        {
            employee = await employees.AddAsync(
                new NewEmployee(
                    Employee.NormalizeEmail(details.Email),
                    hash,
                    details.BirthDate,
                    details.FirstName,
                    details.LastName,
                    details.Gender,
                    details.HireDate),
                cancellationToken);
        }
        catch (EmailTakenException)
        {
            return CreateEmployeeResult.EmailTaken;
        }

        SecurityLog.EmployeeCreated(_log, employee.Email, employee.EmpNo, command.Caller.EmpNo);
        return new CreateEmployeeResult.Created(EmployeeProfile.From(employee));
    }
}
