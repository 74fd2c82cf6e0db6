using FastApiLearning.Application.Auth.Clients;
using FluentValidation;

namespace FastApiLearning.Application.Auth.Login;

/// <summary>
/// Checks a login. Failures are keyed by the form field names (<c>username</c>, <c>password</c>,
/// <c>scope</c>), since those are what the caller sent and can fix. A <c>scope</c> failure is the token
/// endpoint's <c>invalid_scope</c>: it depends on the request alone, never on the account, so refusing
/// it before the password is checked tells nothing about the account.
/// </summary>
public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public const int MaxUsernameLength = 255;
    public const int MaxPasswordLength = 1024;

    /// <summary>The form field whose failures are <c>invalid_scope</c> rather than <c>invalid_request</c>.</summary>
    public const string ScopeField = "scope";

    public LoginCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Username.Trim())
            .NotEmpty().WithMessage("username is required")
            // The untrimmed value: a control character must not reach the store or a log line.
            .Must((command, _) => !command.Username.Any(char.IsControl))
            .WithMessage("username must not contain control characters")
            .MaximumLength(MaxUsernameLength).WithMessage($"username must be at most {MaxUsernameLength} characters")
            .EmailAddress().WithMessage("username must be an email address")
            .OverridePropertyName("username");

        RuleFor(c => c.Password)
            .NotEmpty().WithMessage("password is required")
            .MaximumLength(MaxPasswordLength).WithMessage($"password must be at most {MaxPasswordLength} characters")
            .OverridePropertyName("password");

        this.AddScopeRule(c => c.Scope);

        this.AddClientRules(c => c.Client ?? ClientCredentials.None);
    }
}
