using System.ComponentModel.DataAnnotations;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Infrastructure.Clients;

/// <summary>The registered OAuth2 clients (<c>OAuth:Clients</c>). Swagger UI is registered without being listed.</summary>
public sealed class ClientOptions : IValidatableObject
{
    public const string SectionName = "OAuth";
    public const int MinimumSecretLength = 32;

    public List<RegisteredClient> Clients { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Clients.Count; i++)
        {
            var client = Clients[i];
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                yield return new($"OAuth:Clients:{i}:ClientId is missing.");
            }
            else if (client.ClientId == ConfiguredClientRegistry.SwaggerClientId)
            {
                yield return new($"OAuth:Clients:{i}:ClientId '{client.ClientId}' is Swagger UI's, which is registered already.");
            }

            // A secret guessed online opens introspection and the client's grants: long and random, like a key.
            if (!string.IsNullOrEmpty(client.Secret) && client.Secret.Length < MinimumSecretLength)
            {
                yield return new(
                    $"OAuth:Clients:{i}:Secret is shorter than {MinimumSecretLength} characters: use a random one, e.g. the output of `openssl rand -base64 32`.");
            }

            foreach (var uri in client.RedirectUris.Where(uri => !IsRedirectUri(uri)))
            {
                yield return new($"OAuth:Clients:{i}:RedirectUris has '{uri}', which is not an absolute http(s) URL without a fragment.");
            }

            foreach (var scope in client.AllowedScopes.Where(scope => !Scopes.IsKnown(scope)))
            {
                yield return new($"OAuth:Clients:{i}:AllowedScopes has '{scope}', which is no scope of this service.");
            }
        }

        if (Clients.Select(c => c.ClientId).Distinct(StringComparer.Ordinal).Count() != Clients.Count)
        {
            yield return new("OAuth:Clients has two clients with the same ClientId.");
        }
    }

    /// <summary>RFC 6749 §3.1.2: absolute, no fragment. Plain http only as the client's own business (loopback, tests).</summary>
    internal static bool IsRedirectUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && parsed.Fragment.Length == 0 && parsed.UserInfo.Length == 0;
}

public sealed class RegisteredClient
{
    public string ClientId { get; set; } = "";

    /// <summary>Shown on the consent page; the client id when unset.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Set: a confidential client that authenticates with it. Unset: a public client (PKCE only).</summary>
    public string? Secret { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> AllowedScopes { get; set; } = [];

    /// <summary>Ours: its users are not asked to consent.</summary>
    public bool FirstParty { get; set; }
}
