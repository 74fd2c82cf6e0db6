using FastApiLearning.Domain.Employees;
using FluentValidation;

namespace FastApiLearning.Application.Auth.Login;

/// <summary>
/// The <c>scope</c> parameter's rule, one for every message that takes one (login, refresh, authorization
/// request), keyed <c>scope</c>: a failure of it alone is the endpoints' <c>invalid_scope</c>.
/// </summary>
public static class ScopeParameterRules
{
    public static void AddScopeRule<T>(this AbstractValidator<T> validator, Func<T, string?> scope) =>
        validator.RuleFor(message => scope(message) ?? "")
            .MaximumLength(ScopeParameter.MaxLength).WithMessage($"scope must be at most {ScopeParameter.MaxLength} characters")
            .Must(ScopeParameter.IsWellFormed).WithMessage("scope must be scope names separated by spaces")
            .Must(value => ScopeParameter.Parse(value) is not { } names || names.All(Scopes.IsKnown))
            .WithMessage($"scope must be one or more of: {ScopeParameter.KnownNames}")
            .OverridePropertyName(LoginCommandValidator.ScopeField);
}
