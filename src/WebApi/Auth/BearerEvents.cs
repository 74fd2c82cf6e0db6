using System.Security.Claims;
using FastApiLearning.Application.Auth.IsTokenRevoked;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Net.Http.Headers;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// What JwtBearer does around a request: where the token comes from, whether it was revoked, what
/// the security log hears of a refusal, and the answer to a caller without a good token. How a
/// token is checked is Infrastructure's (<c>JwtBearerOptionsSetup</c>).
/// </summary>
public sealed class BearerEvents(ISender sender, BrowserSession browserSession, ILoggerFactory loggerFactory) : JwtBearerEvents
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    /// <summary>
    /// The browser session's cookie is a credential wherever a bearer token is (refreshed from its refresh
    /// cookie when it has expired); a request with an Authorization header is judged by that header alone.
    /// </summary>
    public override async Task MessageReceived(MessageReceivedContext context)
    {
        if (!context.Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            context.Token = await browserSession.AccessTokenAsync(context.HttpContext);
        }
    }

    /// <summary>Revocation is asked on every request: the validated-token cache never remembers it.</summary>
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal ?? new ClaimsPrincipal();
        var query = new IsTokenRevokedQuery(
            TokenClaims.TokenId(principal),
            TokenClaims.Subject(principal),
            TokenClaims.IssuedAt(context.SecurityToken),
            TokenClaims.SessionId(principal));
        if (await sender.Send(query, context.HttpContext.RequestAborted))
        {
            SecurityLog.TokenRejected(_log, TokenRejection.Revoked, TokenClaims.Email(principal), ClientAddress.Of(context.HttpContext));
            context.Fail("The token has been revoked.");
        }
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        // A store that did not answer is not the token's fault: left alone, it becomes a 503.
        if (context.Exception is not ResourceUnavailableException)
        {
            SecurityLog.TokenRejected(_log, TokenRejection.ReasonFor(context.Exception), null, ClientAddress.Of(context.HttpContext));
        }

        return Task.CompletedTask;
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var request = context.Request;
        if (BrowserRequest.UsesSessionCookie(request) && BrowserRequest.PrefersHtml(request))
        {
            // A person whose session ended is sent to log in again, not shown JSON.
            return SessionCookie.End(context.Response, "expired").ExecuteAsync(context.HttpContext);
        }

        return BearerChallenge.WriteAsync(context.Response, invalidToken: context.AuthenticateFailure is not null);
    }
}
