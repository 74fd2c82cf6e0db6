using FluentValidation;

namespace FastApiLearning.Application.Auth.Clients;

/// <summary>
/// The client fields of a token, revocation or introspection request, keyed by their form names: added to
/// each message's own validator (a child validator would key them <c>Client.client_id</c>).
/// </summary>
public static class ClientCredentialRules
{
    public static void AddClientRules<T>(this AbstractValidator<T> validator, Func<T, ClientCredentials> credentials)
    {
        validator.RuleFor(message => credentials(message).ClientId ?? "")
            .MaximumLength(ClientCredentials.MaxClientIdLength)
            .WithMessage($"client_id must be at most {ClientCredentials.MaxClientIdLength} characters")
            .Must(id => !id.Any(char.IsControl)).WithMessage("client_id must not contain control characters")
            .OverridePropertyName("client_id");

        validator.RuleFor(message => credentials(message).Secret ?? "")
            .MaximumLength(ClientCredentials.MaxSecretLength)
            .WithMessage($"client_secret must be at most {ClientCredentials.MaxSecretLength} characters")
            .OverridePropertyName("client_secret");
    }
}
