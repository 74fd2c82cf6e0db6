using FastApiLearning.Application.Auth.Login;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/token", Token)
            .WithName("Token")
            .WithTags("auth")
            .WithSummary("Log in with the OAuth2 password grant")
            .WithDescription("The only login: Swagger UI's Authorize dialog, the /login page and API clients all post this form.")
            .WithMetadata(OAuthTokenEndpointMetadata.Instance)
            // API clients send no antiforgery token; the form is not a cookie-authenticated request.
            .DisableAntiforgery()
            .Produces<TokenResponse>(StatusCodes.Status200OK)
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest);

        return app;
    }

    private static async Task<IResult> Token(TokenForm form, ISender sender, CancellationToken cancellationToken)
    {
        if (form.Problem is { } problem)
        {
            return OAuthResults.Error(form.ProblemStatus, OAuthResults.InvalidRequest, problem);
        }

        var result = await sender.Send(form.ToCommand(), cancellationToken);
        return result switch
        {
            LoginResult.Succeeded success => OAuthResults.Token(success.Token),
            LoginResult.Failed failure => OAuthResults.Error(StatusCodes.Status400BadRequest, OAuthResults.InvalidGrant, failure.Message),
            _ => throw new InvalidOperationException($"Unhandled login result {result.GetType().Name}."),
        };
    }
}
