using FluentValidation;

namespace FastApiLearning.Application.Employees.GrantScopes;

public sealed class GrantScopesCommandValidator : AbstractValidator<GrantScopesCommand>
{
    public GrantScopesCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Email.Trim()).MustBeAnEmployeeEmail(c => c.Email);
        RuleFor(c => c.Scopes).MustBeScopeNames();
    }
}
