using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Auth.Logout;
using FastApiLearning.Application.Common.Logging;
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
            .Produces<OAuthErrorResponse>(StatusCodes.Status403Forbidden)
            .Produces<OAuthErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OAuthErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<OAuthErrorResponse>(StatusCodes.Status503ServiceUnavailable);

        app.MapPost("/logout", Logout)
            .WithName("Logout")
            .WithTags("auth")
            .WithSummary("Revoke the current token")
            .WithDescription("With a bearer token: 204, and the token is refused from then on. "
                + "From the browser session: the cookie is deleted and the browser sent to /login. "
                + "With everywhere=true (form field or query): every token of the user is refused, on every instance.")
            .RequireAuthorization()
            .DisableAntiforgery()
            .Produces(StatusCodes.Status204NoContent)
            .Produces<DetailResponse>(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    private static async Task<IResult> Token(
        TokenForm form,
        HttpContext httpContext,
        ISender sender,
        IAntiforgery antiforgery,
        CrossSiteRequests crossSite,
        DeviceCookie devices,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var browser = BrowserRequest.PrefersHtml(httpContext.Request);
        if (form.Problem is { } problem)
        {
            return browser
                ? LoginPage.Result(form.ProblemStatus, error: problem)
                : OAuthResults.Error(form.ProblemStatus, OAuthResults.InvalidRequest, problem);
        }

        // Before the throttle, the store or the hasher: another site must not be able to spend an
        // account's attempts from its visitors' browsers.
        if (form.IsPasswordGrant && crossSite.IsCrossSite(httpContext.Request))
        {
            LogCrossSite(loggerFactory, httpContext);
            return browser
                ? LoginPage.Result(StatusCodes.Status403Forbidden, error: LoginPage.CrossSite)
                : OAuthResults.Error(StatusCodes.Status403Forbidden, OAuthResults.InvalidRequest, CrossSiteLogin);
        }

        // Login CSRF: only the browser branch sets a cookie, so only it needs proof the form is ours.
        if (browser && !await BrowserRequest.HasValidAntiforgeryTokenAsync(antiforgery, httpContext))
        {
            return LoginPage.Result(StatusCodes.Status400BadRequest, email: form.Username, error: LoginPage.FormExpired);
        }

        var deviceId = browser ? devices.DeviceIdFor(httpContext.Request, form.Username) : null;
        var result = await sender.Send(form.ToCommand(ClientAddress.Of(httpContext), deviceId), cancellationToken);
        if (browser && result is LoginResult.Succeeded && form.Username is { } username)
        {
            devices.Append(httpContext.Response, username, deviceId);
        }

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
        CrossSiteRequests crossSite,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var fromBrowser = BrowserRequest.UsesSessionCookie(httpContext.Request);
        if (crossSite.IsCrossSite(httpContext.Request))
        {
            LogCrossSite(loggerFactory, httpContext);
            return fromBrowser ? FormExpiredPage.Result(StatusCodes.Status403Forbidden, LoginPage.CrossSite) : CrossSiteProblem();
        }

        var (form, problem, status) = await BoundedForm.ReadAsync(httpContext);
        if (problem is not null)
        {
            return fromBrowser ? FormExpiredPage.Result() : TypedResults.Problem(problem, statusCode: status);
        }

        if (fromBrowser && !await BrowserRequest.HasValidAntiforgeryTokenAsync(antiforgery, httpContext))
        {
            return FormExpiredPage.Result();
        }

        var user = httpContext.User;
        var everywhere = IsTrue(form["everywhere"]) || IsTrue(httpContext.Request.Query["everywhere"]);
        await sender.Send(
            new LogoutCommand(
                TokenClaims.TokenId(user),
                TokenClaims.ExpiresAt(user),
                TokenClaims.Email(user),
                ClientAddress.Of(httpContext),
                TokenClaims.EmpNo(user),
                everywhere),
            cancellationToken);

        if (fromBrowser)
        {
            return SessionCookie.End(httpContext.Response, "logged-out");
        }

        return TypedResults.NoContent();
    }

    private const string CrossSiteLogin = "Cross-site requests to this endpoint are refused";

    private static IResult CrossSiteProblem() =>
        TypedResults.Problem(CrossSiteLogin, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase) || value.ToString() == "1";

    private static void LogCrossSite(ILoggerFactory loggerFactory, HttpContext httpContext)
    {
        var headers = httpContext.Request.Headers;
        SecurityLog.CrossSiteRequestRefused(
            loggerFactory.CreateLogger(SecurityLog.Category),
            httpContext.Request.Path,
            ClientAddress.Of(httpContext),
            headers.Origin.ToString(),
            headers["Sec-Fetch-Site"].ToString());
    }
}
