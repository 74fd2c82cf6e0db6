using System.Globalization;

namespace FastApiLearning.WebApi.Http;

public static class RetryAfter
{
    /// <summary>A wait in whole seconds, at least one.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

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
