using FastApiLearning.Application.Auth.Clients;
using FluentValidation;

namespace FastApiLearning.Application.Auth.RedeemCode;

/// <summary>
/// Checks the shape of a code redemption, keyed by form field. Whether the code, the redirect URI and the
/// verifier belong together is the handler's to judge (a mismatch is a refused code, not a malformed request).
/// </summary>
public sealed class RedeemCodeCommandValidator : AbstractValidator<RedeemCodeCommand>
{
    /// <summary>Our codes are 43 characters; anything far longer is not one of them.</summary>
    public const int MaxCodeLength = 128;
    public const int MaxRedirectUriLength = 2000;

    public RedeemCodeCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Code)
            .NotEmpty().WithMessage("code is required")
            .MaximumLength(MaxCodeLength).WithMessage($"code must be at most {MaxCodeLength} characters")
            .OverridePropertyName("code");

        RuleFor(c => c.RedirectUri)
            .NotEmpty().WithMessage("redirect_uri is required: the one the code was asked for with")
            .MaximumLength(MaxRedirectUriLength).WithMessage($"redirect_uri must be at most {MaxRedirectUriLength} characters")
            .OverridePropertyName("redirect_uri");

        this.AddClientRules(c => c.Client ?? ClientCredentials.None);
    }
}
