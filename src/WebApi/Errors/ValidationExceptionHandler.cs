using FastApiLearning.Application.Auth.Login;
using FastApiLearning.WebApi.Pages;
using FastApiLearning.WebApi.Sessions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;

namespace FastApiLearning.WebApi.Errors;

/// <summary>
/// Turns the validation pipeline's <see cref="ValidationException"/> into a 400 keyed by form
/// field: the login page again for its own form, RFC 6749's shape for other token requests, RFC 9457
/// problem details everywhere else.
/// </summary>
public sealed class ValidationExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ValidationException validation)
        {
            return false;
        }

        var errors = validation.Errors
            .GroupBy(failure => failure.PropertyName)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());

        // The middleware has cleared the endpoint by now; the feature keeps it.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<OAuthTokenEndpointMetadata>() is not null && BrowserRequest.PrefersHtml(httpContext.Request))
        {
            // The login page's own form: show it again with the messages beside the fields.
            await LoginPage.Result(StatusCodes.Status400BadRequest, email: LoginPage.EmailFrom(httpContext.Request), fieldErrors: errors).ExecuteAsync(httpContext);
            return true;
        }

        if (endpoint?.Metadata.GetMetadata<OAuthTokenEndpointMetadata>() is not null)
        {
            var error = validation.Errors.Any(failure => failure.ErrorCode == LoginCommandValidator.UnsupportedGrantType)
                ? LoginCommandValidator.UnsupportedGrantType
                : OAuthResults.InvalidRequest;
            var description = string.Join("; ", errors.Values.SelectMany(messages => messages));
            await OAuthResults.Error(StatusCodes.Status400BadRequest, error, description, errors).ExecuteAsync(httpContext);
            return true;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
            },
        });
    }
}
