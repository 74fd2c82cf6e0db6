using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.WebApi.Contracts;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// What another service needs to verify our tokens and a client to find our endpoints: the public
/// keys (RFC 7517) and the authorization server metadata (RFC 8414). No OpenID Connect discovery:
/// no ID tokens are issued.
/// </summary>
public static class WellKnownEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string MetadataPath = "/.well-known/oauth-authorization-server";

    /// <summary>
    /// Nothing personal here, so caches may keep it; briefly, so that a key added before a rotation
    /// reaches verifiers well before it signs (see the README's rotation steps).
    /// </summary>
    private const string CacheControl = "public, max-age=300";

    public static IEndpointRouteBuilder MapWellKnownEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(JwksPath, Jwks)
            .WithName("Jwks")
            .WithTags("well-known")
            .WithSummary("The public keys access tokens are signed with (JWK Set, RFC 7517)")
            .WithDescription("EC P-256 keys for ES256, with their kid. Shared HS256 secrets are never published.")
            .Produces<JwksResponse>(StatusCodes.Status200OK);

        app.MapGet(MetadataPath, Metadata)
            .WithName("AuthorizationServerMetadata")
            .WithTags("well-known")
            .WithSummary("OAuth 2.0 authorization server metadata (RFC 8414)")
            .Produces<AuthorizationServerMetadataResponse>(StatusCodes.Status200OK);

        return app;
    }

    private static IResult Jwks(JwtSigningKeys keys, HttpResponse response)
    {
        response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(new JwksResponse([.. keys.PublishedKeys.Select(JwkResponse.From)]));
    }

    private static IResult Metadata(IOptions<JwtOptions> jwt, HttpResponse response)
    {
        // Validated at start: never empty, no trailing slash.
        var issuer = jwt.Value.Issuer ?? "";
        string[] clientAuthentication = ["none", "client_secret_basic", "client_secret_post"];
        response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(new AuthorizationServerMetadataResponse(
            Issuer: issuer,
            AuthorizationEndpoint: issuer + "/authorize",
            TokenEndpoint: issuer + "/token",
            JwksUri: issuer + JwksPath,
            RevocationEndpoint: issuer + "/revoke",
            IntrospectionEndpoint: issuer + "/introspect",
            ScopesSupported: [.. Scopes.All.Select(scope => scope.Name)],
            ResponseTypesSupported: ["code"],
            GrantTypesSupported: ["password", "refresh_token", "authorization_code"],
            // S256 only: plain would give an intercepted code's thief the verifier too (RFC 9700 §2.1.1).
            CodeChallengeMethodsSupported: ["S256"],
            // "none": public clients (Swagger UI, the password grant's anonymous callers) send only client_id.
            TokenEndpointAuthMethodsSupported: clientAuthentication,
            RevocationEndpointAuthMethodsSupported: clientAuthentication,
            // Introspection answers confidential clients only.
            IntrospectionEndpointAuthMethodsSupported: ["client_secret_basic", "client_secret_post"],
            AuthorizationResponseIssParameterSupported: true));
    }
}
