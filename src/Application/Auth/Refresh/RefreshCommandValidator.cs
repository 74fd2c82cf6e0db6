using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Domain.Employees;
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

        RuleFor(c => c.Scope ?? "")
            .MaximumLength(ScopeParameter.MaxLength).WithMessage($"scope must be at most {ScopeParameter.MaxLength} characters")
            .Must(ScopeParameter.IsWellFormed).WithMessage("scope must be scope names separated by spaces")
            .Must(scope => ScopeParameter.Parse(scope) is not { } names || names.All(Scopes.IsKnown))
            .WithMessage($"scope must be one or more of: {ScopeParameter.KnownNames}")
            .OverridePropertyName(LoginCommandValidator.ScopeField);

        this.AddClientRules(c => c.Client ?? ClientCredentials.None);
    }
}
