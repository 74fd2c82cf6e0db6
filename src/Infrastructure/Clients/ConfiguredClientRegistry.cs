using System.Security.Cryptography;
using System.Text;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Clients;

/// <summary>
/// The clients of <see cref="ClientOptions"/>, and Swagger UI: a first-party public client whose redirect
/// URI is its <c>oauth2-redirect.html</c> on this service's own origin (the issuer).
/// </summary>
public sealed class ConfiguredClientRegistry : IClientRegistry
{
    public const string SwaggerClientId = "swagger-ui";
    public const string SwaggerRedirectPath = "/docs/oauth2-redirect.html";

    private readonly Dictionary<string, (OAuthClient Client, byte[]? SecretHash)> _clients = new(StringComparer.Ordinal);
    private readonly HashSet<string> _origins = new(StringComparer.Ordinal);

    public ConfiguredClientRegistry(IOptions<ClientOptions> clients, IOptions<JwtOptions> jwt)
    {
        var swagger = new OAuthClient(
            SwaggerClientId,
            "Swagger UI",
            IsConfidential: false,
            [(jwt.Value.Issuer ?? "").TrimEnd('/') + SwaggerRedirectPath],
            [.. Scopes.All.Select(scope => scope.Name)],
            FirstParty: true);
        _clients.Add(SwaggerClientId, (swagger, null));

        foreach (var registered in clients.Value.Clients)
        {
            var client = new OAuthClient(
                registered.ClientId,
                string.IsNullOrWhiteSpace(registered.DisplayName) ? registered.ClientId : registered.DisplayName,
                IsConfidential: !string.IsNullOrEmpty(registered.Secret),
                [.. registered.RedirectUris],
                [.. registered.AllowedScopes],
                registered.FirstParty);
            _clients.Add(client.ClientId, (client, string.IsNullOrEmpty(registered.Secret) ? null : Sha256(registered.Secret)));
            foreach (var uri in registered.RedirectUris)
            {
                _origins.Add(new Uri(uri).GetLeftPart(UriPartial.Authority).ToLowerInvariant());
            }
        }
    }

    public OAuthClient? Find(string clientId) => _clients.TryGetValue(clientId, out var entry) ? entry.Client : null;

    public bool IsSecretValid(OAuthClient client, string? secret) =>
        secret is not null
            && _clients.TryGetValue(client.ClientId, out var entry)
            && entry.SecretHash is { } expected
            // Hashes of equal length, compared in constant time: timing tells nothing of the secret.
            && CryptographicOperations.FixedTimeEquals(Sha256(secret), expected);

    public bool IsClientOrigin(string origin) => _origins.Contains(origin);

    private static byte[] Sha256(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
