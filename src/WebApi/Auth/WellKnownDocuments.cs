using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.WebApi.Contracts;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// The two well-known documents, made once from the keys and the issuer (both fixed at start): the
/// public keys (RFC 7517) and the authorization server metadata (RFC 8414).
/// </summary>
public sealed class WellKnownDocuments(JwtSigningKeys keys, IOptions<JwtOptions> jwt)
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string MetadataPath = "/.well-known/oauth-authorization-server";

    private static readonly string[] s_clientAuthentication = ["none", "client_secret_basic", "client_secret_post"];

    /// <summary>The public ES256 keys; shared HS256 secrets are never among them.</summary>
    public JwksResponse Jwks { get; } = new([.. keys.PublishedKeys.Select(key =>
        new JwkResponse(PublishedKey.KeyType, key.Curve, key.X, key.Y, key.KeyId, "sig", key.Algorithm))]);

    public AuthorizationServerMetadataResponse Metadata { get; } = MetadataFor(jwt.Value.Issuer ?? "");

    /// <param name="issuer">Validated at start: an http(s) URL without a trailing slash, the tokens' iss.</param>
    private static AuthorizationServerMetadataResponse MetadataFor(string issuer) => new(
        Issuer: issuer,
        AuthorizationEndpoint: issuer + "/authorize",
        TokenEndpoint: issuer + "/token",
        JwksUri: issuer + JwksPath,
        RevocationEndpoint: issuer + "/revoke",
        IntrospectionEndpoint: issuer + "/introspect",
        ScopesSupported: [.. Scopes.All.Select(scope => scope.Name)],
        ResponseTypesSupported: ["code"],
        GrantTypesSupported: ["password", "refresh_token", "authorization_code"],
        // S256 only: with plain, whoever intercepts the authorization request has the verifier too.
        CodeChallengeMethodsSupported: ["S256"],
        // "none": public clients (Swagger UI, the password grant's anonymous callers) send only client_id.
        TokenEndpointAuthMethodsSupported: s_clientAuthentication,
        RevocationEndpointAuthMethodsSupported: s_clientAuthentication,
        // Introspection answers confidential clients only.
        IntrospectionEndpointAuthMethodsSupported: ["client_secret_basic", "client_secret_post"],
        AuthorizationResponseIssParameterSupported: true);
}
