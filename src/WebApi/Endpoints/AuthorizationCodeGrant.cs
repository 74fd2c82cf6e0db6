using FastApiLearning.Application.Auth.RedeemCode;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FluentValidation;
using Mediator;
using Microsoft.Net.Http.Headers;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// <c>grant_type=authorization_code</c> at <c>/token</c> (RFC 6749 §4.1.3, RFC 7636 §4.5): always answered as
/// JSON (no browser form sends it), uncacheable, in RFC 6749's error shape with the FastAPI <c>detail</c>.
/// </summary>
public static class AuthorizationCodeGrant
{
    public const string InvalidClient = "invalid_client";

    public static async ValueTask<IResult> AnswerAsync(
        TokenForm form,
        HttpContext httpContext,
        TokenResults answers,
        ISender sender,
        CrossSiteRequests crossSite,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        // RFC 6749 §5.1 and §5.2: neither tokens nor refusals are cached.
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.Headers.Pragma = "no-cache";

        // A registered client's page redeems its codes from its own origin (CORS); no other site may.
        if (crossSite.IsCrossSiteForClientGrant(httpContext.Request))
        {
            var headers = httpContext.Request.Headers;
            SecurityLog.CrossSiteRequestRefused(
                loggerFactory.CreateLogger(SecurityLog.Category),
                httpContext.Request.Path,
                ClientAddress.Of(httpContext),
                headers.Origin.ToString(),
                headers["Sec-Fetch-Site"].ToString());
            return Error(StatusCodes.Status403Forbidden, TokenResults.InvalidRequest, TokenResults.CrossSiteRefused);
        }

        var client = ClientCredentials.From(httpContext.Request, form.ClientId, form.ClientSecret);
        if (client.Problem is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, TokenResults.InvalidRequest, problem);
        }

        var command = new RedeemCodeCommand(
            client.ClientId, client.Secret, form.Code ?? "", form.RedirectUri ?? "", form.CodeVerifier, ClientAddress.Of(httpContext));
        RedeemCodeResult result;
        try
        {
            result = await sender.Send(command, cancellationToken);
        }
        catch (ValidationException invalid)
        {
            var errors = ValidationExceptionHandler.ErrorsByField(invalid);
            return Error(
                StatusCodes.Status400BadRequest,
                TokenResults.InvalidRequest,
                string.Join("; ", errors.Values.SelectMany(messages => messages)),
                errors);
        }
        catch (ResourceUnavailableException unavailable)
        {
            return RetryAfter.With(
                Error(StatusCodes.Status503ServiceUnavailable, TokenResults.TemporarilyUnavailable, unavailable.Message),
                RetryAfter.Seconds(unavailable.RetryAfter));
        }

        return result switch
        {
            RedeemCodeResult.Redeemed redeemed => TypedResults.Ok(new TokenResponse(
                redeemed.Tokens.Access.Value,
                "bearer",
                (long)redeemed.Tokens.Access.Lifetime.TotalSeconds,
                redeemed.Tokens.Access.Scope,
                redeemed.Tokens.RefreshToken)),
            RedeemCodeResult.ClientRefused refused => ClientRefused(httpContext.Response, client, refused.Message),
            RedeemCodeResult.CodeRefused refused => Error(StatusCodes.Status400BadRequest, TokenResults.InvalidGrant, refused.Message),
            _ => throw new InvalidOperationException($"Unhandled code redemption result {result.GetType().Name}."),
        };
    }

    /// <summary>RFC 6749 §5.2: 401, and a Basic challenge when the client tried Basic.</summary>
    private static IResult ClientRefused(HttpResponse response, ClientCredentials client, string message)
    {
        if (client.UsedBasic)
        {
            response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"token\", charset=\"UTF-8\"";
        }

        return Error(StatusCodes.Status401Unauthorized, InvalidClient, message);
    }

    private static IResult Error(int statusCode, string error, string description, IReadOnlyDictionary<string, string[]>? errors = null) =>
        TypedResults.Json(new OAuthErrorResponse(error, description, description, errors), statusCode: statusCode);
}
