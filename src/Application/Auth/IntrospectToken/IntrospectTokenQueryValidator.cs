using FastApiLearning.Application.Auth.Clients;
using FluentValidation;

namespace FastApiLearning.Application.Auth.IntrospectToken;

/// <summary>No token is an unreadable request (<c>invalid_request</c>); any token at all gets an answer, <c>active: false</c> at least.</summary>
public sealed class IntrospectTokenQueryValidator : AbstractValidator<IntrospectTokenQuery>
{
    public IntrospectTokenQueryValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithMessage("token is required").OverridePropertyName("token");

        this.AddClientRules(c => c.Client ?? ClientCredentials.None);
    }
}
