using FluentValidation;

namespace FastApiLearning.Application.Auth.Logout;

public sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator()
    {
        // A token without a jti cannot be revoked, so it must not have been accepted.
        RuleFor(c => c.TokenId).NotEmpty().MaximumLength(128).OverridePropertyName("jti");
    }
}
