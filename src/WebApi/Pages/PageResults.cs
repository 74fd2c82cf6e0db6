using System.Text;

namespace FastApiLearning.WebApi.Pages;

/// <summary>How the app answers a browser: a whole page, or a 303 to one.</summary>
public static class PageResults
{
    /// <summary>A page that may show who is logged in: never cached, so Back cannot show it again.</summary>
    /// <param name="render">Runs when the answer is written, so a page can put an antiforgery token in its forms.</param>
    public static IResult Html(Func<HttpContext, string> render, int statusCode = StatusCodes.Status200OK) =>
        new HtmlResult(render, statusCode);

    /// <summary>303 See Other: after a POST the browser follows with a GET.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class HtmlResult(Func<HttpContext, string> render, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var html = render(httpContext);
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            // Every page shows (or leaves out) who is logged in, by the session cookie.
            response.Headers.Append("Vary", "Cookie");
            return response.WriteAsync(html, Encoding.UTF8);
        }
    }

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers.Append("Vary", "Cookie");
            return Task.CompletedTask;
        }
    }
}
