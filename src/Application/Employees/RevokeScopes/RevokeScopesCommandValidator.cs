using FluentValidation;

namespace FastApiLearning.Application.Employees.RevokeScopes;

public sealed class RevokeScopesCommandValidator : AbstractValidator<RevokeScopesCommand>
{
    public RevokeScopesCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Email.Trim()).MustBeAnEmployeeEmail(c => c.Email);
        RuleFor(c => c.Scopes).MustBeScopeNames();
    }
}
