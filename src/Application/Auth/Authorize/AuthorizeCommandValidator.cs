using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Common.Ports;
using FluentValidation;

namespace FastApiLearning.Application.Auth.Authorize;

/// <summary>
/// Checks an authorization request, keyed by its parameter names. A failure on <see cref="ClientField"/> or
/// <see cref="RedirectField"/> means the redirect URI cannot be trusted, so the caller must show it and never
/// redirect (RFC 6749 §4.1.2.1); any other failure may be sent back to the (registered) redirect URI.
/// </summary>
public sealed class AuthorizeCommandValidator : AbstractValidator<AuthorizeCommand>
{
    public const string ClientField = "client_id";
    public const string RedirectField = "redirect_uri";
    public const string ResponseTypeField = "response_type";
    public const string ScopeField = "scope";
    public const string RepeatedField = "request";

    /// <summary>Longer than any id or URI we would register: not worth a lookup.</summary>
    public const int MaxClientIdLength = 100;
    public const int MaxRedirectUriLength = 2000;

    public AuthorizeCommandValidator(IClientRegistry clients)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.ClientId)
            .NotEmpty().WithMessage("client_id is required")
            .MaximumLength(MaxClientIdLength).WithMessage("client_id is not a registered client")
            .Must(id => clients.Find(id) is not null).WithMessage("client_id is not a registered client")
            .OverridePropertyName(ClientField);

        // Exactly as registered, character for character (RFC 9700 §4.1.3): no prefix, no pattern.
        RuleFor(c => c.RedirectUri)
            .NotEmpty().WithMessage("redirect_uri is required")
            .MaximumLength(MaxRedirectUriLength).WithMessage("redirect_uri is not registered for this client")
            .Must((command, uri) => clients.Find(command.ClientId)?.RedirectUris.Contains(uri, StringComparer.Ordinal) == true)
            .WithMessage("redirect_uri is not registered for this client")
            .OverridePropertyName(RedirectField);

        RuleFor(c => c.Repeated)
            .Empty().WithMessage(c => $"Each parameter may be sent once; repeated: {string.Join(", ", c.Repeated ?? [])}")
            .OverridePropertyName(RepeatedField);

        RuleFor(c => c.ResponseType)
            .NotEmpty().WithMessage("response_type is required")
            .Equal(AuthorizeCommand.CodeResponse).WithMessage("response_type must be code")
            .OverridePropertyName(ResponseTypeField);

        RuleFor(c => c.CodeChallengeMethod)
            .NotEmpty().WithMessage("code_challenge_method is required and must be S256")
            .Equal(Pkce.S256).WithMessage("code_challenge_method must be S256 (plain is not supported)")
            .OverridePropertyName("code_challenge_method");

        RuleFor(c => c.CodeChallenge)
            .NotEmpty().WithMessage("code_challenge is required (PKCE, S256)")
            .Must(Pkce.IsWellFormed)
            .WithMessage($"code_challenge must be {Pkce.MinLength} to {Pkce.MaxLength} characters of A-Z, a-z, 0-9, -, ., _, ~")
            .OverridePropertyName("code_challenge");

        this.AddScopeRule(c => c.Scope);
    }
}
