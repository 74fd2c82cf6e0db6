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
    /// <summary>The column sizes of the sample's table (plus the original's email and password).</summary>
    public const int MaxEmailLength = 255;
    public const int MaxPasswordHashLength = 255;
    public const int MaxFirstNameLength = 14;
    public const int MaxLastNameLength = 16;

    /// <summary>
    /// The password hash of an employee who has none (imported without one): not a hash of anything,
    /// so it never verifies, and a login against it costs what an unknown user's costs.
    /// </summary>
    public const string NoPassword = "!no-password";

    public string FullName => $"{FirstName} {LastName}";

    public bool HasPassword => PasswordHash != NoPassword;

    /// <summary>Emails are looked up trimmed and case-insensitively.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
