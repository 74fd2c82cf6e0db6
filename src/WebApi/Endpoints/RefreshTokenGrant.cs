using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FluentValidation;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// <c>grant_type=refresh_token</c> at <c>/token</c> (RFC 6749 §6): always answered in JSON, since only API clients
/// post it (the browser session refreshes itself server-side, <see cref="BrowserSession"/>). Cross-site requests are
/// refused before it (<see cref="AuthEndpoints"/>), as for the code grant.
/// </summary>
public static class RefreshTokenGrant
{
    public static async ValueTask<IResult> AnswerAsync(
        TokenForm form, HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
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
