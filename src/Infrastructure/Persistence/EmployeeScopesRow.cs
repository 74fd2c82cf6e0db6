namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// A row of <c>employee_scopes</c>: the scopes granted to one employee. No row is "nothing recorded"
/// (the default scope); an empty <see cref="Scopes"/> is "explicitly none".
/// </summary>
internal sealed class EmployeeScopesRow
{
    public int EmpNo { get; set; }

    /// <summary>The canonical names (<see cref="Domain.Employees.Scopes.Canonical"/>), separated by one space.</summary>
    public required string Scopes { get; set; }
}
