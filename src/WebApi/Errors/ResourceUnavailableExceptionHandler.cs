using System.Globalization;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.WebApi.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace FastApiLearning.WebApi.Errors;

/// <summary>
/// 503 with <c>Retry-After</c> when something a request needs is saturated or unreachable, as an
/// RFC 9457 problem. (The token endpoint answers its own, in RFC 6749's shape.)
/// </summary>
public sealed class ResourceUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ResourceUnavailableException unavailable)
        {
            return false;
        }

        const int status = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfter.Seconds(unavailable.RetryAfter).ToString(CultureInfo.InvariantCulture);
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = "Service unavailable", Detail = unavailable.Message },
        });
    }
}
