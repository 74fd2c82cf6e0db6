using System.Globalization;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.WebApi.Pages;
using FastApiLearning.WebApi.Sessions;
using Microsoft.AspNetCore.Diagnostics;

namespace FastApiLearning.WebApi.Errors;

/// <summary>
/// 503 with <c>Retry-After</c> when something the request needs is saturated or unreachable, in
/// the shape the caller reads: RFC 6749 on the token endpoint (the login page for its own form),
/// RFC 9457 problem details elsewhere.
/// </summary>
public sealed class ServiceUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ServiceUnavailableException unavailable)
        {
            return false;
        }

        const int status = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter =
            Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<OAuthTokenEndpointMetadata>() is not null)
        {
            var result = BrowserRequest.PrefersHtml(httpContext.Request)
                ? LoginPage.Result(status, email: LoginPage.EmailFrom(httpContext.Request), error: unavailable.Message)
                : OAuthResults.Error(status, TemporarilyUnavailable, unavailable.Message);
            await result.ExecuteAsync(httpContext);
            return true;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = "Service unavailable", Detail = unavailable.Message },
        });
    }
}
