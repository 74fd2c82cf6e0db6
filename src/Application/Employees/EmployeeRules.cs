using System.Globalization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FluentValidation;

namespace FastApiLearning.Application.Employees;

/// <summary>
/// The rules every employee-management message applies to the same kind of value, decided once.
/// Failures are keyed by the field names the caller used (the management commands' options, <c>first-name</c>;
/// the directory's JSON and form fields, <c>first_name</c>), and each message starts with that name, since
/// that is what the caller typed and can fix. Validators using them set
/// <c>RuleLevelCascadeMode = CascadeMode.Stop</c>: one message per field.
/// </summary>
public static class EmployeeRules
{
    /// <summary>NIST SP 800-63B-4 §3.1.1.2: at least 15 characters for a password that is the only factor.</summary>
    public const int MinPasswordLength = 15;

    /// <summary>
    /// NIST asks for at least 64; 256 characters (code points, up to 1,024 UTF-8 bytes) stay well inside what
    /// the login accepts (<see cref="Auth.Login.LoginCommandValidator.MaxPasswordLength"/> UTF-16 units).
    /// </summary>
    public const int MaxPasswordLength = 256;

    /// <summary>Nobody born earlier is still being hired; an earlier date is a typo or a default.</summary>
    public static readonly DateOnly MinBirthDate = new(1900, 1, 1);

    /// <summary>The youngest anyone may be hired (the sample's and most labour laws' floor).</summary>
    public const int MinHiringAge = 14;

    /// <summary>A name to search for: longer than either column (14 and 16 characters), with room for wildcards and escapes.</summary>
    public const int MaxNamePatternLength = 50;

    /// <summary>The FastAPI original's answer to an email another employee has (the table's unique index decides).</summary>
    public const string EmailTakenMessage = "Can't accept this email. Please specify another";

    /// <summary>
    /// An email as the store keeps it: checked trimmed (what <see cref="Employee.NormalizeEmail"/> stores),
    /// except for control characters, which are refused anywhere in what was typed.
    /// </summary>
    /// <param name="trimmedEmail">The rule for the trimmed email: <c>RuleFor(c =&gt; c.Email.Trim())</c>.</param>
    /// <param name="email">The email as given.</param>
    public static IRuleBuilderOptions<T, string> MustBeAnEmployeeEmail<T>(
        this IRuleBuilder<T, string> trimmedEmail, Func<T, string> email) =>
        trimmedEmail
            .NotEmpty().WithMessage("email is required")
            .Must((message, _) => !HasControlCharacter(email(message)))
            .WithMessage("email must not contain control characters")
            .MaximumLength(Employee.MaxEmailLength).WithMessage($"email must be at most {Employee.MaxEmailLength} characters")
            .EmailAddress().WithMessage("email must be an email address")
            .OverridePropertyName("email");

    /// <summary>
    /// A first or last name, stored as given. Its length is counted in UTF-16 units, never fewer than the
    /// characters a database counts, so a name that passes here fits the column.
    /// </summary>
    public static IRuleBuilderOptions<T, string> MustBeAName<T>(this IRuleBuilder<T, string> name, string field, int maxLength) =>
        name
            .NotEmpty().WithMessage($"{field} is required")
            .Must(value => !HasControlCharacter(value)).WithMessage($"{field} must not contain control characters")
            .MaximumLength(maxLength).WithMessage($"{field} must be at most {maxLength} characters")
            .OverridePropertyName(field);

    /// <summary>An emp_no as the table has them: positive.</summary>
    public static IRuleBuilderOptions<T, int> MustBeAnEmpNo<T>(this IRuleBuilder<T, int> empNo) =>
        empNo
            .GreaterThan(0).WithMessage("emp_no must be a positive number")
            .OverridePropertyName("emp_no");

    /// <summary>Scope names to grant or revoke: at least one, each one the service knows (case-sensitive).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<string>> MustBeScopeNames<T>(this IRuleBuilder<T, IReadOnlyList<string>> scopes) =>
        scopes
            .NotEmpty().WithMessage("scope is required")
            .Must(names => names.All(Scopes.IsKnown))
            .WithMessage($"scope must be one or more of: {string.Join(", ", Scopes.All.Select(scope => scope.Name))}")
            .OverridePropertyName("scope");

    /// <summary>
    /// A name to search for (<see cref="Common.Ports.NamePattern"/>): short, and no control character, which
    /// could end a log line. Empty means any name.
    /// </summary>
    public static IRuleBuilderOptions<T, string> MustBeANamePattern<T>(this IRuleBuilder<T, string> pattern, string field) =>
        pattern
            .Must(value => !HasControlCharacter(value)).WithMessage($"{field} must not contain control characters")
            .MaximumLength(MaxNamePatternLength).WithMessage($"{field} must be at most {MaxNamePatternLength} characters")
            .OverridePropertyName(field);

    /// <summary>
    /// A new password, as NIST SP 800-63B-4 §3.1.1.2 wants it for a single factor: 15 to 256 characters,
    /// each Unicode code point counting as one (an emoji is one character, not two); no composition rules
    /// (any characters, spaces included); not the account's email, in any case. Passwords already stored
    /// (the seeded sample users') are never checked against it: it applies when a password is set.
    /// </summary>
    /// <param name="email">The account's email, as given in the same message; null when the password is not one account's.</param>
    public static IRuleBuilderOptions<T, string> MustBeANewPassword<T>(
        this IRuleBuilder<T, string> password, Func<T, string>? email, string field = "password") =>
        password
            // Whitespace only counts as missing, as it does at the login, which could never accept it.
            .NotEmpty().WithMessage($"{field} is required")
            .Must(value => CodePoints(value) >= MinPasswordLength).WithMessage($"{field} must be at least {MinPasswordLength} characters")
            .Must(value => CodePoints(value) <= MaxPasswordLength).WithMessage($"{field} must be at most {MaxPasswordLength} characters")
            .Must((message, value) => email is null || !string.Equals(value.Trim(), email(message).Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage($"{field} must not be the email")
            .OverridePropertyName(field);

    /// <summary>
    /// The fields of a directory record (<see cref="EmployeeDetails"/>), keyed by their JSON and form names
    /// (<c>email</c>, <c>first_name</c>, <c>last_name</c>, <c>gender</c>, <c>birth_date</c>, <c>hire_date</c>):
    /// lengths within the columns, a gender the table allows, plausible dates, and a hire date that is neither
    /// before the 14th birthday nor in the future.
    /// </summary>
    /// <param name="details">Where the message keeps them.</param>
    /// <param name="timeProvider">Today, for "not in the future".</param>
    public static void AddEmployeeDetailsRules<T>(this AbstractValidator<T> validator, Func<T, EmployeeDetails> details, TimeProvider timeProvider)
    {
        validator.RuleFor(c => details(c).Email.Trim()).MustBeAnEmployeeEmail(c => details(c).Email);
        validator.RuleFor(c => details(c).FirstName).MustBeAName("first_name", Employee.MaxFirstNameLength);
        validator.RuleFor(c => details(c).LastName).MustBeAName("last_name", Employee.MaxLastNameLength);

        validator.RuleFor(c => details(c).Gender)
            .IsInEnum().WithMessage("gender must be M or F")
            .OverridePropertyName("gender");

        validator.RuleFor(c => details(c).BirthDate)
            .NotEqual(default(DateOnly)).WithMessage("birth_date is required")
            .GreaterThanOrEqualTo(MinBirthDate).WithMessage(string.Create(CultureInfo.InvariantCulture, $"birth_date must be on or after {MinBirthDate:yyyy-MM-dd}"))
            .Must(date => date <= LatestToday(timeProvider)).WithMessage("birth_date must not be in the future")
            .OverridePropertyName("birth_date");

        validator.RuleFor(c => details(c).HireDate)
            .NotEqual(default(DateOnly)).WithMessage("hire_date is required")
            .Must((c, date) => date >= FourteenthBirthday(details(c).BirthDate))
            .WithMessage($"hire_date must not be before the {MinHiringAge}th birthday")
            .Must(date => date <= LatestToday(timeProvider)).WithMessage("hire_date must not be in the future")
            .OverridePropertyName("hire_date");
    }

    /// <summary>
    /// Today's date where it is latest on Earth (UTC+14): a date someone may truthfully call today is never
    /// "in the future", wherever they are.
    /// </summary>
    internal static DateOnly LatestToday(TimeProvider timeProvider) =>
        DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime.AddHours(14));

    // A birthday of 29 February falls on 28 February in a common year (DateOnly.AddYears' rule).
    private static DateOnly FourteenthBirthday(DateOnly birthDate) =>
        birthDate.Year <= DateOnly.MaxValue.Year - MinHiringAge ? birthDate.AddYears(MinHiringAge) : DateOnly.MaxValue;

    private static int CodePoints(string value) => value.EnumerateRunes().Count();

    // A control character in a name or an email could end a log line or hide part of one.
    private static bool HasControlCharacter(string value) => value.Any(char.IsControl);
}
