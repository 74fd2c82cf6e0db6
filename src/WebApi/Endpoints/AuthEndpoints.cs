using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Auth.Logout;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.Pages;
using FluentValidation;
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
            .WithSummary("Log in with the OAuth2 password grant, or refresh a session")
            .WithDescription("The only login: Swagger UI's Authorize dialog, the /login page and API clients all post this form. "
                + "grant_type=password (or none): username and password. "
                + "scope (space-separated names) asks for those scopes the employee holds, and the answer's scope says which were granted; "
                + "without it, the token gets every scope the employee holds. "
                + "The answer carries a refresh_token: grant_type=refresh_token with it gets a new access token and the next refresh token "
                + "(each is good once; presenting a used one ends the whole session). scope may then only narrow the session's. "
                + "Registered confidential clients authenticate with HTTP Basic or client_id and client_secret; "
                + "a public client sends its client_id (or Basic with an empty secret); anonymous callers send none. "
                + "A browser form (Accept: text/html) gets a session cookie and a redirect instead of JSON.")
            // API clients send no antiforgery token; the browser branch checks one itself.
            .DisableAntiforgery()
            .Produces<TokenResponse>(StatusCodes.Status200OK)
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<OAuthErrorResponse>(StatusCodes.Status403Forbidden)
            .Produces<OAuthErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OAuthErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<OAuthErrorResponse>(StatusCodes.Status503ServiceUnavailable);

        app.MapPost("/logout", Logout)
            .WithName("Logout")
            .WithTags("auth")
            .WithSummary("Revoke the current token and its session's refresh token")
            .WithDescription("With a bearer token: 204, and the token is refused from then on, with the refresh token of its session. "
                + "From the browser session: the cookies are deleted and the browser sent to /login. "
                + "With everywhere=true (form field or query): every token of the user is refused, on every instance, and no refresh token of theirs works any more.")
            .RequireAuthorization()
            .DisableAntiforgery()
            .Produces(StatusCodes.Status204NoContent)
            .Produces<DetailResponse>(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app.MapRevocationEndpoints();
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
        var answers = new TokenResults(BrowserRequest.PrefersHtml(httpContext.Request), form.Username);
        if (form.Problem is { } problem)
        {
            return answers.UnreadableForm(form.ProblemStatus, problem);
        }

        // The grant decides the use case (RFC 6749 §4.1.3, §4.3.2, §6); each grant's own checks are in its file.
        if (form.GrantType is TokenForm.RefreshTokenGrant or TokenForm.AuthorizationCodeGrant)
        {
            // A registered client's page may redeem codes and refresh from its own origin (CORS); no other
            // site may: an unknown refresh token counts against the sender's address, which another site's
            // page must not spend from its visitors' browsers.
            if (crossSite.IsCrossSiteForClientGrant(httpContext.Request))
            {
                LogCrossSite(loggerFactory, httpContext);
                return TokenResults.Error(StatusCodes.Status403Forbidden, TokenResults.InvalidRequest, TokenResults.CrossSiteRefused);
            }

            return form.GrantType == TokenForm.RefreshTokenGrant
                ? await RefreshTokenGrant.AnswerAsync(form, httpContext, sender, cancellationToken)
                : await AuthorizationCodeGrant.AnswerAsync(form, httpContext, sender, cancellationToken);
        }

        if (!form.IsPasswordGrant)
        {
            return answers.GrantTypeNotSupported();
        }

        // Before the throttle, the store or the hasher: another site must not be able to spend an
        // account's attempts from its visitors' browsers.
        if (crossSite.IsCrossSite(httpContext.Request))
        {
            LogCrossSite(loggerFactory, httpContext);
            return answers.CrossSite();
        }

        // Login CSRF: only the browser branch sets a cookie, so only it needs proof the form is ours.
        if (answers.ForBrowser && !await BrowserRequest.HasValidAntiforgeryTokenAsync(antiforgery, httpContext))
        {
            return answers.FormExpired();
        }

        // The browser's form is the browser session's own: what it might say of a client is not read.
        var client = answers.ForBrowser ? null : RequestClientCredentials.Read(httpContext.Request, form.ClientId, form.ClientSecret);
        if (client?.Problem is not null)
        {
            return TokenResults.ClientCredentialsProblem(client);
        }

        var deviceId = answers.ForBrowser ? devices.DeviceIdFor(httpContext.Request, form.Username) : null;
        // The browser's session asks for everything the employee holds: the pages show what it allows.
        var scope = answers.ForBrowser ? null : form.Scope;
        var login = new LoginCommand(
            form.Username ?? "", form.Password ?? "", ClientAddress.Of(httpContext), deviceId, scope, client?.Credentials, BrowserSession: answers.ForBrowser);
        LoginResult result;
        try
        {
            result = await sender.Send(login, cancellationToken);
        }
        catch (ValidationException invalid)
        {
            return answers.InvalidFields(ValidationExceptionHandler.ErrorsByField(invalid));
        }
        catch (ResourceUnavailableException unavailable)
        {
            return answers.Unavailable(unavailable);
        }

        if (answers.ForBrowser && result is LoginResult.Succeeded)
        {
            devices.Append(httpContext.Response, login.Username, deviceId);
        }

        return answers.Login(result, httpContext.Response);
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
                everywhere,
                TokenClaims.SessionId(user),
                fromBrowser ? RefreshCookie.Read(httpContext.Request) : null),
            cancellationToken);

        if (fromBrowser)
        {
            return SessionCookie.End(httpContext.Response, "logged-out");
        }

        return TypedResults.NoContent();
    }

    private static IResult CrossSiteProblem() =>
        TypedResults.Problem(TokenResults.CrossSiteRefused, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

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
