using FastApiLearning.Application.Auth.Clients;
using FluentValidation;

namespace FastApiLearning.Application.Auth.RevokeToken;

/// <summary>
/// Only what makes the request unreadable (RFC 7009 §2.2.1 <c>invalid_request</c>): no token at all. A token
/// that is malformed, too long or unknown is answered 200 like any other that is not ours (§2.2).
/// </summary>
public sealed class RevokeTokenCommandValidator : AbstractValidator<RevokeTokenCommand>
{
    public RevokeTokenCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithMessage("token is required").OverridePropertyName("token");

        this.AddClientRules(c => c.Client ?? ClientCredentials.None);
    }
}
