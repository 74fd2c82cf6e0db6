using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.ImportEmployees;

public sealed class ImportEmployeesCommandHandler(
    IEmployeeImport import,
    IPasswordHasher passwordHasher,
    ILoggerFactory loggerFactory) : ICommandHandler<ImportEmployeesCommand, ImportSummary>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    /// <exception cref="ImportFormatException">A line of the file is not a row; nothing was stored.</exception>
    public async ValueTask<ImportSummary> Handle(ImportEmployeesCommand command, CancellationToken cancellationToken)
    {
        // One hash for every row: 300,024 Argon2id hashes would take hours, and it is sample data.
        // Without one, the rows get the sentinel that never verifies (and costs a dummy verify at login).
        var hash = command.InitialPassword is { } password
            ? await passwordHasher.HashAsync(password, cancellationToken)
            : Employee.NoPassword;
        var summary = await import.ImportAsync(command.Rows, hash, command.Update, command.Progress, cancellationToken);

        SecurityLog.EmployeesImported(_log, summary.Added, summary.Updated, summary.Skipped, command.InitialPassword is not null);
        return summary;
    }
}
