using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Login;
using FluentValidation;

namespace FastApiLearning.Application.Auth.Refresh;

/// <summary>
/// Checks a refresh request's form. Failures are keyed by form field; a <c>scope</c> failure is the token
/// endpoint's <c>invalid_scope</c>, as for a login (<see cref="LoginCommandValidator.ScopeField"/>).
/// </summary>
public sealed class RefreshCommandValidator : AbstractValidator<RefreshCommand>
{
    public RefreshCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.RefreshToken)
            .NotEmpty().WithMessage("refresh_token is required")
            .MaximumLength(RefreshCommand.MaxRefreshTokenLength)
            .WithMessage($"refresh_token must be at most {RefreshCommand.MaxRefreshTokenLength} characters")
            .OverridePropertyName("refresh_token");

        this.AddScopeRule(c => c.Scope);

        this.AddClientRules(c => c.Client ?? ClientCredentials.None);
    }
}
