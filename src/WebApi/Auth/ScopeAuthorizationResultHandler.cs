using FastApiLearning.Application.Common.Logging;
using FastApiLearning.WebApi.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// What the authorization middleware answers when an endpoint's scope policy refuses a valid token:
/// <see cref="ForbiddenAnswer"/>, logged as <c>AccessDenied</c>. Everything else (no token or a bad one:
/// JwtBearer's 401 challenge; other policies) is the framework's default.
/// </summary>
public sealed class ScopeAuthorizationResultHandler(ILoggerFactory loggerFactory) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // Forbidden only ever follows a successful authentication: without a good token it is a Challenge.
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault() is { } missing)
        {
            var request = context.Request;
            SecurityLog.AccessDenied(
                _log, TokenClaims.EmpNo(context.User), $"{request.Method} {request.Path}", missing.Scope, ClientAddress.Of(context));
            return ForbiddenAnswer(context, missing.Scope).ExecuteAsync(context);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>
    /// The answer to a token without <paramref name="scope"/>. API clients: <see cref="InsufficientScope"/>.
    /// A browser asking for HTML with the session cookie (<see cref="BrowserRequest.UsesSessionCookie"/> and
    /// <see cref="BrowserRequest.PrefersHtml"/>, as <see cref="BearerEvents.Challenge"/> tells them apart for a
    /// 401) gets the 403 page instead.
    /// </summary>
    private static IResult ForbiddenAnswer(HttpContext context, string scope) =>
        BrowserRequest.UsesSessionCookie(context.Request) && BrowserRequest.PrefersHtml(context.Request)
            ? Pages.ErrorPage.Forbidden(scope)
            : new InsufficientScope(scope);
}
