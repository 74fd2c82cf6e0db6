using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>A row of <c>employees</c>: the domain's <see cref="Employee"/> plus what only the database keeps.</summary>
internal sealed class EmployeeRow
{
    public int EmpNo { get; set; }

    public required string Email { get; set; }

    /// <summary>The password hash (a PHC string) or <see cref="Employee.NoPassword"/>; the sample's column name.</summary>
    public required string Password { get; set; }

    public DateOnly BirthDate { get; set; }

    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    /// <summary>
    /// <see cref="FirstName"/> lower-cased by the app (<see cref="string.ToLowerInvariant"/>) on every write, so
    /// that every provider searches and sorts the same, on an index (a database's <c>lower()</c> differs).
    /// </summary>
    public required string FirstNameLower { get; set; }

    /// <summary><see cref="LastName"/> lower-cased, as <see cref="FirstNameLower"/>.</summary>
    public required string LastNameLower { get; set; }

    public Gender Gender { get; set; }

    public DateOnly HireDate { get; set; }

    /// <summary>
    /// Unix milliseconds up to which the employee's tokens are refused, or null. A number rather than a
    /// timestamp: SQLite would keep a <see cref="DateTimeOffset"/> as TEXT, and it is only ever read back.
    /// </summary>
    public long? TokensValidAfter { get; set; }

    /// <summary>The directory record's version (its ETag): moved on by directory edits and imports only.</summary>
    public long Version { get; set; }

    public Employee ToEmployee() => new(EmpNo, Email, Password, BirthDate, FirstName, LastName, Gender, HireDate);
}
