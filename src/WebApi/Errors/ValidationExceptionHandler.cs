using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;

namespace FastApiLearning.WebApi.Errors;

/// <summary>
/// Turns the validation pipeline's <see cref="ValidationException"/> into a 400 RFC 9457 problem,
/// with the errors keyed by field. (The token endpoint answers its own, in RFC 6749's shape.)
/// </summary>
public sealed class ValidationExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ValidationException validation)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(ErrorsByField(validation))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
            },
        });
    }

    /// <summary>The failures' messages keyed by the field the caller sent (validators name them so).</summary>
    public static Dictionary<string, string[]> ErrorsByField(ValidationException validation) =>
        validation.Errors
            .GroupBy(failure => failure.PropertyName)
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());
}
