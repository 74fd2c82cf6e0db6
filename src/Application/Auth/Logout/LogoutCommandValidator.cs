using FluentValidation;

namespace FastApiLearning.Application.Auth.Logout;

public sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator()
    {
        // A token without a jti cannot be revoked, so it must not have been accepted.
        RuleFor(c => c.TokenId).NotEmpty().MaximumLength(128).OverridePropertyName("jti");

        // "Everywhere" is everything of one employee: the token must say whose.
        RuleFor(c => c.EmpNo).NotNull().When(c => c.Everywhere).OverridePropertyName("sub");

        RuleFor(c => c.SessionId ?? "").MaximumLength(128).OverridePropertyName("sid");
    }
}
