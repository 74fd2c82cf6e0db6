using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Auth.Logout;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.Pages;
using FastApiLearning.WebApi.Sessions;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;

namespace FastApiLearning.WebApi.Endpoints;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/token", Token)
            .WithName("Token")
            .WithTags("auth")
            .WithSummary("Log in with the OAuth2 password grant")
            .WithDescription("The only login: Swagger UI's Authorize dialog, the /login page and API clients all post this form. "
                + "A browser form (Accept: text/html) gets a session cookie and a redirect instead of JSON.")
            .WithMetadata(OAuthTokenEndpointMetadata.Instance)
            // API clients send no antiforgery token; the browser branch checks one itself.
            .DisableAntiforgery()
            .Produces<TokenResponse>(StatusCodes.Status200OK)
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OAuthErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<OAuthErrorResponse>(StatusCodes.Status503ServiceUnavailable);

        app.MapPost("/logout", Logout)
            .WithName("Logout")
            .WithTags("auth")
            .WithSummary("Revoke the current token")
            .WithDescription("With a bearer token: 204, and the token is refused from then on. "
                + "From the browser session: the cookie is deleted and the browser sent to /login.")
            .RequireAuthorization()
            .DisableAntiforgery()
            .Produces(StatusCodes.Status204NoContent)
            .Produces<DetailResponse>(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static async Task<IResult> Token(
        TokenForm form,
        HttpContext httpContext,
        ISender sender,
        IAntiforgery antiforgery,
        CancellationToken cancellationToken)
    {
        var browser = BrowserRequest.PrefersHtml(httpContext.Request);
        if (form.Problem is { } problem)
        {
            return browser
                ? LoginPage.Result(form.ProblemStatus, error: problem)
                : OAuthResults.Error(form.ProblemStatus, OAuthResults.InvalidRequest, problem);
        }

        // Login CSRF: only the browser branch sets a cookie, so only it needs proof the form is ours.
        if (browser && !await BrowserRequest.HasValidAntiforgeryTokenAsync(antiforgery, httpContext))
        {
            return LoginPage.Result(StatusCodes.Status400BadRequest, email: form.Username, error: LoginPage.FormExpired);
        }

        var result = await sender.Send(form.ToCommand(ClientAddress.Of(httpContext)), cancellationToken);
        return browser ? AnswerBrowser(result, form.Username, httpContext.Response) : AnswerApiClient(result);
    }

    /// <summary>RFC 6749 JSON: the token, or the error with its registered code.</summary>
    private static IResult AnswerApiClient(LoginResult result) => result switch
    {
        LoginResult.Succeeded success => OAuthResults.Token(success.Token),
        LoginResult.Failed failure => OAuthResults.Error(StatusCodes.Status400BadRequest, OAuthResults.InvalidGrant, failure.Message),
        LoginResult.Throttled throttled => RetryAfter.With(
            OAuthResults.Error(StatusCodes.Status429TooManyRequests, OAuthResults.SlowDown, throttled.Message),
            throttled.RetryAfterSeconds),
        _ => throw new InvalidOperationException($"Unhandled login result {result.GetType().Name}."),
    };

    /// <summary>A session and the home page, or the login page again with the message.</summary>
    private static IResult AnswerBrowser(LoginResult result, string? email, HttpResponse response) => result switch
    {
        LoginResult.Succeeded success => StartSession(response, success),
        LoginResult.Failed failure => LoginPage.Result(StatusCodes.Status400BadRequest, email: email, error: failure.Message),
        LoginResult.Throttled throttled => RetryAfter.With(
            LoginPage.Result(StatusCodes.Status429TooManyRequests, email: email, error: throttled.Message),
            throttled.RetryAfterSeconds),
        _ => throw new InvalidOperationException($"Unhandled login result {result.GetType().Name}."),
    };

    private static IResult StartSession(HttpResponse response, LoginResult.Succeeded success)
    {
        SessionCookie.Append(response, success.Token);
        return PageResults.SeeOther("/");
    }

    private static async Task<IResult> Logout(
        HttpContext httpContext,
        ISender sender,
        IAntiforgery antiforgery,
        CancellationToken cancellationToken)
    {
        var fromBrowser = BrowserRequest.UsesSessionCookie(httpContext.Request);
        if (fromBrowser && !await BrowserRequest.HasValidAntiforgeryTokenAsync(antiforgery, httpContext))
        {
            return FormExpiredPage.Result();
        }

        var user = httpContext.User;
        await sender.Send(
            new LogoutCommand(TokenClaims.TokenId(user), TokenClaims.ExpiresAt(user), TokenClaims.Email(user), ClientAddress.Of(httpContext)),
            cancellationToken);

        if (fromBrowser)
        {
            SessionCookie.Delete(httpContext.Response);
            return PageResults.SeeOther("/login?notice=logged-out");
        }

        return TypedResults.NoContent();
    }
}
