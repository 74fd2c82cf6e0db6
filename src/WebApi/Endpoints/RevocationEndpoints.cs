using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.IntrospectToken;
using FastApiLearning.Application.Auth.RevokeToken;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FluentValidation;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// <c>POST /revoke</c> (RFC 7009) and <c>POST /introspect</c> (RFC 7662): the same form, the same client
/// authentication as <c>/token</c>, errors in RFC 6749's shape, every answer uncacheable.
/// </summary>
public static class RevocationEndpoints
{
    public static IEndpointRouteBuilder MapRevocationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/revoke", Revoke)
            .WithName("Revoke")
            .WithTags("auth")
            .WithSummary("Revoke a refresh token (its whole session) or an access token (RFC 7009)")
            .WithDescription("Form: token, optional token_type_hint (refresh_token or access_token). "
                + "200 whatever the token was, unknown and invalid ones too (there is then nothing to revoke); "
                + "400 invalid_request for a token issued to another client (nothing is revoked). "
                + "Confidential clients authenticate (HTTP Basic or client_id and client_secret); public and anonymous callers may revoke a token they hold.")
            .DisableAntiforgery()
            .Produces(StatusCodes.Status200OK)
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<OAuthErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OAuthErrorResponse>(StatusCodes.Status503ServiceUnavailable);

        app.MapPost("/introspect", Introspect)
            .WithName("Introspect")
            .WithTags("auth")
            .WithSummary("Whether a token is active, and what it carries (RFC 7662)")
            .WithDescription("For registered confidential clients only (HTTP Basic or client_id and client_secret); anyone else gets 401 invalid_client. "
                + "Form: token, optional token_type_hint. {\"active\": false} for any token that would be refused now "
                + "(unknown, expired, revoked, logged out, its user removed); otherwise active with scope, client_id, sub, exp, iat, token_type, iss (and aud, username for access tokens).")
            .DisableAntiforgery()
            .Produces<IntrospectionResponse>(StatusCodes.Status200OK)
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<OAuthErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OAuthErrorResponse>(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<IResult> Revoke(RevocationForm form, HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        if (Unreadable(form, httpContext, out var client) is { } problem)
        {
            return problem;
        }

        try
        {
            return await sender.Send(new RevokeTokenCommand(form.Token ?? "", form.TokenTypeHint, client, ClientAddress.Of(httpContext)), cancellationToken) switch
            {
                // §2.2: 200 and no body, for a token revoked now and for one that was never ours alike.
                RevokeTokenResult.Revoked => TokenResults.NoStore(TypedResults.Ok()),
                RevokeTokenResult.InvalidClient refused => TokenResults.ClientRefused(refused.Message),
                // §2.1: another client's token is refused and nothing is revoked. 400 invalid_request, as Keycloak answers
                // ("Unmatching clients"); OpenIddict refuses with 400 too (invalid_token, not one of RFC 7009's codes),
                // Duende answers 200 and only logs it, which tells the client its request was done when it was not.
                RevokeTokenResult.OtherClientsToken refused => TokenResults.Error(StatusCodes.Status400BadRequest, TokenResults.InvalidRequest, refused.Message),
                var result => throw new InvalidOperationException($"Unhandled revocation result {result.GetType().Name}."),
            };
        }
        catch (ValidationException invalid)
        {
            return TokenResults.Json.InvalidFields(ValidationExceptionHandler.ErrorsByField(invalid));
        }
        catch (ResourceUnavailableException unavailable)
        {
            return TokenResults.Json.Unavailable(unavailable);
        }
    }

    private static async Task<IResult> Introspect(RevocationForm form, HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        if (Unreadable(form, httpContext, out var client) is { } problem)
        {
            return problem;
        }

        try
        {
            return await sender.Send(new IntrospectTokenQuery(form.Token ?? "", form.TokenTypeHint, client, ClientAddress.Of(httpContext)), cancellationToken) switch
            {
                IntrospectionResult.Active active => TokenResults.NoStore(TypedResults.Ok(new IntrospectionResponse(
                    true,
                    active.Scope,
                    active.ClientId,
                    active.Username,
                    active.TokenType,
                    active.ExpiresAt.ToUnixTimeSeconds(),
                    active.IssuedAt.ToUnixTimeSeconds(),
                    active.Subject,
                    active.Audience,
                    active.Issuer))),
                IntrospectionResult.NotActive => TokenResults.NoStore(TypedResults.Ok(IntrospectionResponse.Inactive)),
                IntrospectionResult.InvalidClient refused => TokenResults.ClientRefused(refused.Message),
                var result => throw new InvalidOperationException($"Unhandled introspection result {result.GetType().Name}."),
            };
        }
        catch (ValidationException invalid)
        {
            return TokenResults.Json.InvalidFields(ValidationExceptionHandler.ErrorsByField(invalid));
        }
        catch (ResourceUnavailableException unavailable)
        {
            return TokenResults.Json.Unavailable(unavailable);
        }
    }

    /// <summary>The form or its client credentials could not be read: the error to answer; otherwise null and the credentials.</summary>
    private static IResult? Unreadable(RevocationForm form, HttpContext httpContext, out ClientCredentials credentials)
    {
        credentials = ClientCredentials.None;
        if (form.Problem is { } problem)
        {
            return TokenResults.Error(form.ProblemStatus, TokenResults.InvalidRequest, problem);
        }

        var client = RequestClientCredentials.Read(httpContext.Request, form.ClientId, form.ClientSecret);
        if (client.Problem is not null)
        {
            return TokenResults.ClientCredentialsProblem(client);
        }

        credentials = client.Credentials;
        return null;
    }
}
