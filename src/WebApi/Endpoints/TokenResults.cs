using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.Pages;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// Every answer of <c>POST /token</c>, in the two shapes its callers read, side by side: RFC 6749
/// JSON for API clients (Swagger UI, curl, OAuth2 libraries), and for the browser's login form a
/// session and a redirect, or the login page again with the message. RFC 6749 §5.1 wants every
/// one of them uncacheable (the pages set that themselves).
/// </summary>
/// <param name="forBrowser">The caller is the browser's form (<see cref="BrowserRequest.PrefersHtml"/>).</param>
/// <param name="email">What the form sent as username, put back in its field on the page.</param>
public sealed class TokenResults(bool forBrowser, string? email)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidClient = "invalid_client";
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    /// <summary>RFC 8628's registered error for a client that must wait before trying again.</summary>
    public const string SlowDown = "slow_down";

    public const string GrantTypeNotKnown = "grant_type must be password, refresh_token or authorization_code";
    public const string CrossSiteRefused = "Cross-site requests to this endpoint are refused";

    public bool ForBrowser => forBrowser;

    /// <summary>The answers of a caller that is no browser form: RFC 6749 JSON, whatever it accepts (the refresh grant, /revoke, /introspect).</summary>
    public static TokenResults Json { get; } = new(forBrowser: false, email: null);

    /// <summary>The body is no readable form (or too big for one).</summary>
    public IResult UnreadableForm(int status, string problem) =>
        forBrowser ? LoginPage.Result(status, error: problem) : Error(status, InvalidRequest, problem);

    public IResult GrantTypeNotSupported()
    {
        var errors = new Dictionary<string, string[]> { ["grant_type"] = [GrantTypeNotKnown] };
        return forBrowser
            ? LoginPage.Result(StatusCodes.Status400BadRequest, email: email, fieldErrors: errors)
            : Error(StatusCodes.Status400BadRequest, UnsupportedGrantType, GrantTypeNotKnown, errors);
    }

    public IResult CrossSite() =>
        forBrowser
            ? LoginPage.Result(StatusCodes.Status403Forbidden, error: LoginPage.CrossSite)
            : Error(StatusCodes.Status403Forbidden, InvalidRequest, CrossSiteRefused);

    /// <summary>The client credentials could not be read (a broken Basic header: 401), or came two ways at once (400).</summary>
    public static IResult ClientCredentialsProblem(RequestClientCredentials.Result read) =>
        read.Unreadable
            ? ClientRefused(read.Problem ?? LoginResult.ClientAuthenticationFailedMessage)
            : Error(StatusCodes.Status400BadRequest, InvalidRequest, read.Problem ?? "The client credentials are not valid.");

    /// <summary>
    /// RFC 6749 §5.2 <c>invalid_client</c>: 401, and (RFC 9110 §15.5.2: every 401 says how to authenticate) the
    /// scheme a client may use, Basic.
    /// </summary>
    public static IResult ClientRefused(string message) =>
        new ChallengeResult(Error(StatusCodes.Status401Unauthorized, InvalidClient, message), "Basic realm=\"FastApiLearning\"");

    /// <summary>The browser's form came without a valid antiforgery token (login CSRF, or a stale page).</summary>
    public IResult FormExpired() => LoginPage.Result(StatusCodes.Status400BadRequest, email: email, error: LoginPage.FormExpired);

    /// <summary>
    /// Fields the use case's validator refused, keyed by form field: <c>invalid_scope</c> when the scope alone
    /// is wrong (unknown or malformed names, RFC 6749 §5.2), otherwise <c>invalid_request</c>.
    /// </summary>
    public IResult InvalidFields(IReadOnlyDictionary<string, string[]> errors) =>
        forBrowser
            ? LoginPage.Result(StatusCodes.Status400BadRequest, email: email, fieldErrors: errors)
            : Error(
                StatusCodes.Status400BadRequest,
                errors.Count > 0 && errors.Keys.All(field => field == LoginCommandValidator.ScopeField) ? InvalidScope : InvalidRequest,
                string.Join("; ", errors.Values.SelectMany(messages => messages)),
                errors);

    /// <summary>Something the login needs is saturated or out of reach: 503 with <c>Retry-After</c>.</summary>
    public IResult Unavailable(ResourceUnavailableException unavailable) =>
        RetryAfter.With(
            forBrowser
                ? LoginPage.Result(StatusCodes.Status503ServiceUnavailable, email: email, error: unavailable.Message)
                : Error(StatusCodes.Status503ServiceUnavailable, TemporarilyUnavailable, unavailable.Message),
            RetryAfter.Seconds(unavailable.RetryAfter));

    /// <summary>What the login came to: a token (or a session), or the error with its registered code.</summary>
    public IResult Login(LoginResult result, HttpResponse response) => result switch
    {
        LoginResult.Succeeded success when forBrowser => StartSession(response, success.Tokens),
        LoginResult.Succeeded success => Issued(success.Tokens),
        LoginResult.InvalidClient refused => forBrowser
            ? LoginPage.Result(StatusCodes.Status400BadRequest, email: email, error: refused.Message)
            : ClientRefused(refused.Message),
        LoginResult.Failed failure => forBrowser
            ? LoginPage.Result(StatusCodes.Status400BadRequest, email: email, error: failure.Message)
            : Error(StatusCodes.Status400BadRequest, InvalidGrant, failure.Message),
        LoginResult.ScopeRefused refused => forBrowser
            ? LoginPage.Result(StatusCodes.Status400BadRequest, email: email, error: refused.Message)
            : Error(StatusCodes.Status400BadRequest, InvalidScope, refused.Message),
        LoginResult.Throttled throttled => RetryAfter.With(
            forBrowser
                ? LoginPage.Result(StatusCodes.Status429TooManyRequests, email: email, error: throttled.Message)
                : Error(StatusCodes.Status429TooManyRequests, SlowDown, throttled.Message),
            throttled.RetryAfterSeconds),
        _ => throw new InvalidOperationException($"Unhandled login result {result.GetType().Name}."),
    };

    /// <summary>What a refresh came to (always JSON: only API clients post the refresh grant; the browser refreshes server-side).</summary>
    public static IResult Refresh(RefreshResult result) => result switch
    {
        RefreshResult.Succeeded success => Issued(success.Tokens),
        RefreshResult.Reissued reissued => Token(reissued.Access, refreshToken: null),
        RefreshResult.Refused refused => Error(StatusCodes.Status400BadRequest, InvalidGrant, refused.Message),
        RefreshResult.InvalidClient refused => ClientRefused(refused.Message),
        RefreshResult.ScopeRefused refused => Error(StatusCodes.Status400BadRequest, InvalidScope, refused.Message),
        RefreshResult.Throttled throttled => RetryAfter.With(
            Error(StatusCodes.Status429TooManyRequests, SlowDown, throttled.Message), throttled.RetryAfterSeconds),
        _ => throw new InvalidOperationException($"Unhandled refresh result {result.GetType().Name}."),
    };

    /// <summary>RFC 6749 §5.1 for tokens a session was started or continued with: the access token and the refresh token.</summary>
    public static IResult Issued(IssuedTokens tokens) => Token(tokens.Access, tokens.RefreshToken);

    /// <summary>RFC 6749 §5.2 error JSON with FastAPI's <c>detail</c>, uncacheable: for the other OAuth2 endpoints too.</summary>
    public static IResult Error(int statusCode, string error, string description, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new NoStoreResult(TypedResults.Json(new OAuthErrorResponse(error, description, description, errors), statusCode: statusCode));

    /// <summary>Any answer made uncacheable (RFC 6749 §5.1, RFC 7009, RFC 7662 §2.2: a token or what it says).</summary>
    public static IResult NoStore(IResult inner) => new NoStoreResult(inner);

    private static IResult StartSession(HttpResponse response, IssuedTokens tokens)
    {
        SessionCookie.Start(response, tokens);
        // Back to the authorization request that sent the browser to log in (only ever a local /authorize?…).
        return PageResults.SeeOther(AuthorizeReturn.TargetAfterLogin(response.HttpContext));
    }

    private static IResult Token(AccessToken token, string? refreshToken) =>
        new NoStoreResult(TypedResults.Ok(new TokenResponse(token.Value, "bearer", (long)token.Lifetime.TotalSeconds, token.Scope, refreshToken)));

    private sealed class ChallengeResult(IResult inner, string challenge) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = challenge;
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class NoStoreResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers.Pragma = "no-cache";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
