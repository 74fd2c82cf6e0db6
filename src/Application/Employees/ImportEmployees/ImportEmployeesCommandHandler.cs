using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;

namespace FastApiLearning.Application.Employees.ImportEmployees;

public sealed class ImportEmployeesCommandHandler(IEmployeeImport import, IPasswordHasher passwordHasher)
    : ICommandHandler<ImportEmployeesCommand, ImportSummary>
{
    public async ValueTask<ImportSummary> Handle(ImportEmployeesCommand command, CancellationToken cancellationToken)
    {
        // One hash for every row: 300,024 Argon2id hashes would take hours, and it is sample data.
        var hash = command.InitialPassword is { } password
            ? await passwordHasher.HashAsync(password, cancellationToken)
            : Employee.NoPassword;
        return await import.ImportAsync(command.Rows, hash, command.Update, command.Progress, cancellationToken);
    }
}
