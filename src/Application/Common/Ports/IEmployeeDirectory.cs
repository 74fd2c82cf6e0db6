using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// The employee directory's reads and edits (search, a record with its version, an edit that checks it).
/// Every provider (Fake, SQLite, PostgreSQL) answers the same; a store that cannot be reached throws
/// <see cref="Exceptions.ResourceUnavailableException"/>.
/// </summary>
public interface IEmployeeDirectory
{
    /// <summary>
    /// Employees whose names match <see cref="EmployeeSearch.LastName"/> and <see cref="EmployeeSearch.FirstName"/>
    /// (either may be null: any), sorted by last name, first name (both lower-cased, ordinal), then emp_no.
    /// </summary>
    ValueTask<EmployeePage> SearchAsync(EmployeeSearch search, CancellationToken cancellationToken);

    /// <returns>The employee with the version of their directory record, or null when there is none.</returns>
    ValueTask<VersionedEmployee?> FindVersionedAsync(int empNo, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the editable fields if the record is still at <paramref name="expectedVersion"/>, and moves
    /// it to the next version (a password-hash upgrade never changes the version).
    /// </summary>
    /// <exception cref="Exceptions.EmailTakenException">Another employee has <see cref="EmployeeDetails.Email"/>.</exception>
    ValueTask<DirectoryUpdate> UpdateAsync(int empNo, EmployeeDetails details, long expectedVersion, CancellationToken cancellationToken);
}

/// <param name="Page">1-based.</param>
/// <param name="PageSize">1 to 100.</param>
public sealed record EmployeeSearch(NamePattern? LastName, NamePattern? FirstName, int Page, int PageSize);

/// <param name="Total">How many match in all pages.</param>
public sealed record EmployeePage(IReadOnlyList<Employee> Employees, int Total);

/// <param name="Version">Changes with every directory edit and nothing else: the record's ETag.</param>
public sealed record VersionedEmployee(Employee Employee, long Version);

/// <summary>The fields a directory edit replaces (the emp_no and the password are not among them).</summary>
/// <param name="Email">As typed; stores keep it normalised (<see cref="Employee.NormalizeEmail"/>).</param>
public sealed record EmployeeDetails(
    string Email, string FirstName, string LastName, Gender Gender, DateOnly BirthDate, DateOnly HireDate);

/// <summary>What an edit came to.</summary>
public abstract record DirectoryUpdate
{
    private DirectoryUpdate()
    {
    }

    public static DirectoryUpdate NotFound { get; } = new Missing();

    public sealed record Updated(VersionedEmployee Employee) : DirectoryUpdate;

    /// <summary>Someone edited the record since the version the caller read: nothing was written.</summary>
    public sealed record Stale(long CurrentVersion) : DirectoryUpdate;

    public sealed record Missing : DirectoryUpdate;
}
