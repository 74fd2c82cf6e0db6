using FastApiLearning.Application.Auth.RedeemCode;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FluentValidation;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// <c>grant_type=authorization_code</c> at <c>/token</c> (RFC 6749 §4.1.3, RFC 7636 §4.5): always answered as
/// JSON (no browser form sends it), uncacheable, in RFC 6749's error shape with the FastAPI <c>detail</c>.
/// </summary>
public static class AuthorizationCodeGrant
{
    public static async ValueTask<IResult> AnswerAsync(
        TokenForm form, HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        var client = RequestClientCredentials.Read(httpContext.Request, form.ClientId, form.ClientSecret);
        if (client.Problem is not null)
        {
            return TokenResults.ClientCredentialsProblem(client);
        }

        var command = new RedeemCodeCommand(
            form.Code ?? "",
            form.RedirectUri ?? "",
            form.CodeVerifier,
            client.Credentials,
            ClientAddress.Of(httpContext));
        RedeemCodeResult result;
        try
        {
            result = await sender.Send(command, cancellationToken);
        }
        catch (ValidationException invalid)
        {
            return TokenResults.Json.InvalidFields(ValidationExceptionHandler.ErrorsByField(invalid));
        }
        catch (ResourceUnavailableException unavailable)
        {
            return TokenResults.Json.Unavailable(unavailable);
        }

        return result switch
        {
            RedeemCodeResult.Redeemed redeemed => TokenResults.Issued(redeemed.Tokens),
            RedeemCodeResult.ClientRefused refused => TokenResults.ClientRefused(refused.Message),
            RedeemCodeResult.CodeRefused refused => TokenResults.Error(StatusCodes.Status400BadRequest, TokenResults.InvalidGrant, refused.Message),
            _ => throw new InvalidOperationException($"Unhandled code redemption result {result.GetType().Name}."),
        };
    }
}
