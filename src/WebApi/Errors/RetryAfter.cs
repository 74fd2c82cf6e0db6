using System.Globalization;

namespace FastApiLearning.WebApi.Errors;

public static class RetryAfter
{
    /// <summary>The same answer, with <c>Retry-After</c> in whole seconds.</summary>
    public static IResult With(IResult inner, int seconds) => new RetryAfterResult(inner, seconds);

    private sealed class RetryAfterResult(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
