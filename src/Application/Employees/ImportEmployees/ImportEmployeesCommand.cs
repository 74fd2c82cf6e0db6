using FastApiLearning.Application.Common.Ports;
using Mediator;

namespace FastApiLearning.Application.Employees.ImportEmployees;

/// <summary>
/// Rows read from an import file, stored in one go (<see cref="IEmployeeImport"/>).
/// </summary>
/// <param name="InitialPassword">For sample data: every new row gets this password (hashed once); else none can log in.</param>
/// <param name="Update">Existing emp_nos are updated instead of skipped.</param>
public sealed record ImportEmployeesCommand(
    IAsyncEnumerable<ImportedEmployee> Rows,
    bool Update,
    string? InitialPassword,
    IProgress<int>? Progress = null) : ICommand<ImportSummary>
{
    // Never let the initial password reach a log line or an error message through the generated ToString.
    public override string ToString() =>
        $"ImportEmployeesCommand {{ Update = {Update}, InitialPassword = {(InitialPassword is null ? "none" : "given")} }}";
}
