namespace FastApiLearning.Domain.Employees;

/// <summary>
/// An employee of the MySQL <em>employees</em> sample, with the email and password hash
/// that make them a user of the login service.
/// </summary>
public sealed record Employee(
    int EmpNo,
    string Email,
    string PasswordHash,
    DateOnly BirthDate,
    string FirstName,
    string LastName,
    Gender Gender,
    DateOnly HireDate)
{
    public string FullName => $"{FirstName} {LastName}";

    /// <summary>Emails are looked up trimmed and case-insensitively.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
