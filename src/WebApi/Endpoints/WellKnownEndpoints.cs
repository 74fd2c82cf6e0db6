using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// What another service needs to verify our tokens and a client to find our endpoints. No OpenID
/// Connect discovery: no ID tokens are issued.
/// </summary>
public static class WellKnownEndpoints
{
    /// <summary>
    /// Nothing personal here, so caches may keep it; briefly, so that a key added before a rotation
    /// reaches verifiers well before it signs (see the README's rotation steps).
    /// </summary>
    private const string CacheControl = "public, max-age=300";

    public static IEndpointRouteBuilder MapWellKnownEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(WellKnownDocuments.JwksPath, Jwks)
            .WithName("Jwks")
            .WithTags("well-known")
            .WithSummary("The public keys access tokens are signed with (JWK Set, RFC 7517)")
            .WithDescription("EC P-256 keys for ES256, with their kid. Shared HS256 secrets are never published.")
            .Produces<JwksResponse>(StatusCodes.Status200OK);

        app.MapGet(WellKnownDocuments.MetadataPath, Metadata)
            .WithName("AuthorizationServerMetadata")
            .WithTags("well-known")
            .WithSummary("OAuth 2.0 authorization server metadata (RFC 8414)")
            .Produces<AuthorizationServerMetadataResponse>(StatusCodes.Status200OK);

        return app;
    }

    private static IResult Jwks(WellKnownDocuments documents, HttpResponse response)
    {
        response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(documents.Jwks);
    }

    private static IResult Metadata(WellKnownDocuments documents, HttpResponse response)
    {
        response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(documents.Metadata);
    }
}
