using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Domain.Employees;
using FluentValidation;

namespace FastApiLearning.Application.Employees;

/// <summary>
/// The rules every employee-management message applies to the same kind of value, decided once.
/// Failures are keyed by the management commands' option names (<c>email</c>, <c>password</c>, ...),
/// and each message starts with that name, since that is what the operator typed and can fix.
/// Validators using them set <c>RuleLevelCascadeMode = CascadeMode.Stop</c>: one message per field.
/// </summary>
public static class EmployeeRules
{
    /// <summary>OWASP's floor for a password without multi-factor authentication.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>A password set here must be one the login accepts.</summary>
    public const int MaxPasswordLength = LoginCommandValidator.MaxPasswordLength;

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

    /// <summary>A new password: long enough to resist guessing, short enough for the login to accept.</summary>
    public static IRuleBuilderOptions<T, string> MustBeANewPassword<T>(this IRuleBuilder<T, string> password, string field = "password") =>
        password
            // Whitespace only counts as missing, as it does at the login, which could never accept it.
            .NotEmpty().WithMessage($"{field} is required")
            .MinimumLength(MinPasswordLength).WithMessage($"{field} must be at least {MinPasswordLength} characters")
            .MaximumLength(MaxPasswordLength).WithMessage($"{field} must be at most {MaxPasswordLength} characters")
            .OverridePropertyName(field);

    // A control character in a name or an email could end a log line or hide part of one.
    private static bool HasControlCharacter(string value) => value.Any(char.IsControl);
}
