using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FluentValidation;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// <c>grant_type=refresh_token</c> at <c>/token</c> (RFC 6749 §6): always answered in JSON, since only API clients
/// post it (the browser session refreshes itself server-side, <see cref="BrowserSession"/>). Refused cross-site unless
/// from a registered client's origin, as the code grant is: the request carries no cookie, but an unknown token
/// counts against the caller's address, and another site must not spend its visitors' addresses (their logins).
/// </summary>
public static class RefreshTokenGrant
{
    public static async ValueTask<IResult> AnswerAsync(
        TokenForm form,
        HttpContext httpContext,
        TokenResults answers,
        ISender sender,
        CrossSiteRequests crossSite,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        if (crossSite.IsCrossSiteForClientGrant(httpContext.Request))
        {
            var headers = httpContext.Request.Headers;
            SecurityLog.CrossSiteRequestRefused(
                loggerFactory.CreateLogger(SecurityLog.Category),
                httpContext.Request.Path,
                ClientAddress.Of(httpContext),
                headers.Origin.ToString(),
                headers["Sec-Fetch-Site"].ToString());
            return TokenResults.Error(StatusCodes.Status403Forbidden, TokenResults.InvalidRequest, TokenResults.CrossSiteRefused);
        }

        var client = RequestClientCredentials.Read(httpContext.Request, form.ClientId, form.ClientSecret);
        if (client.Problem is not null)
        {
            return TokenResults.ClientCredentialsProblem(client);
        }

        var command = new RefreshCommand(form.RefreshToken ?? "", form.Scope, client.Credentials, ClientAddress.Of(httpContext));
        try
        {
            return TokenResults.Refresh(await sender.Send(command, cancellationToken));
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
}
