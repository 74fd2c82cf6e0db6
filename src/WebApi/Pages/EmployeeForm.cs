using System.Globalization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// The fields of the edit and new-employee forms as typed, so that a refused form shows them again. The
/// rules are the validators'; a value that is not even a date or a gender reaches them as one they refuse.
/// </summary>
public sealed record EmployeeForm(
    string Email = "",
    string FirstName = "",
    string LastName = "",
    string Gender = "",
    string BirthDate = "",
    string HireDate = "",
    string Version = "")
{
    public const string EmailField = "email";
    public const string FirstNameField = "first_name";
    public const string LastNameField = "last_name";
    public const string GenderField = "gender";
    public const string BirthDateField = "birth_date";
    public const string HireDateField = "hire_date";
    public const string VersionField = "version";
    public const string PasswordField = "password";

    public static EmployeeForm From(EmployeeProfile employee, long version) => new(
        employee.Email,
        employee.FirstName,
        employee.LastName,
        employee.Gender.ToString(),
        IsoDate(employee.BirthDate),
        IsoDate(employee.HireDate),
        version.ToString(CultureInfo.InvariantCulture));

    public static EmployeeForm From(IFormCollection form) => new(
        form[EmailField].ToString(),
        form[FirstNameField].ToString(),
        form[LastNameField].ToString(),
        form[GenderField].ToString(),
        form[BirthDateField].ToString(),
        form[HireDateField].ToString(),
        form[VersionField].ToString());

    /// <summary>The version the form was made from; null when it carries none (a form that is not ours).</summary>
    public long? ExpectedVersion =>
        long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    public EmployeeDetails ToDetails() => new(
        Email,
        FirstName,
        LastName,
        // Outside the enum, which the validator refuses with "gender must be M or F".
        Gender switch { "M" => Domain.Employees.Gender.M, "F" => Domain.Employees.Gender.F, _ => (Gender)(-1) },
        ParseDate(BirthDate),
        ParseDate(HireDate));

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The default date is what the validator calls missing.
    private static DateOnly ParseDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : default;
}
