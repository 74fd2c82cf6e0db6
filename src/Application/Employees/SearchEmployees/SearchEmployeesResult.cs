namespace FastApiLearning.Application.Employees.SearchEmployees;

/// <summary>What a search came to.</summary>
public abstract record SearchEmployeesResult
{
    private SearchEmployeesResult()
    {
    }

    /// <param name="Total">How many match in all pages.</param>
    public sealed record Found(IReadOnlyList<EmployeeProfile> Employees, int Total, int Page, int PageSize) : SearchEmployeesResult;

    /// <summary>The caller's token does not satisfy <paramref name="RequiredScope"/>.</summary>
    public sealed record Forbidden(string RequiredScope) : SearchEmployeesResult;
}
