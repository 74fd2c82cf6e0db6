namespace FastApiLearning.Application.Employees.GetEmployee;

/// <summary>What reading a record came to.</summary>
public abstract record GetEmployeeResult
{
    private GetEmployeeResult()
    {
    }

    public static GetEmployeeResult NotFound { get; } = new Missing();

    /// <param name="Version">Changes with every directory edit: the record's ETag.</param>
    public sealed record Found(EmployeeProfile Employee, long Version) : GetEmployeeResult;

    public sealed record Missing : GetEmployeeResult;

    /// <summary>
    /// The caller's token does not satisfy <paramref name="RequiredScope"/>. Decided before the record is looked
    /// up, so that nobody without it learns whether an emp_no exists.
    /// </summary>
    public sealed record Forbidden(string RequiredScope) : GetEmployeeResult;
}
