using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FastApiLearning.WebApi.Pages;

/// <summary>How the app answers a browser: a whole page, or a 303 to one.</summary>
public static class PageResults
{
    /// <summary>
    /// A page rendered from its component, in the request (so its forms get antiforgery tokens); never
    /// cached, since a page may show who is logged in and Back must not show it again.
    /// </summary>
    public static IResult Page<TComponent>(IReadOnlyDictionary<string, object?> parameters, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new NoStoreResult(new RazorComponentResult<TComponent>(parameters) { StatusCode = statusCode });

    /// <summary>303 See Other: after a POST the browser follows with a GET.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class NoStoreResult(IResult page) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            // When the answer starts, not now: rendering an antiforgery token sets "no-cache, no-store" of its own.
            response.OnStarting(() =>
            {
                response.Headers.CacheControl = "no-store";
                response.Headers.Pragma = "no-cache";
                // Every page shows (or leaves out) who is logged in, by the session cookie.
                response.Headers.Append("Vary", "Cookie");
                // The renderer offers the page to Blazor's script, which these pages never load.
                response.Headers.Remove("blazor-enhanced-nav");
                return Task.CompletedTask;
            });
            return page.ExecuteAsync(httpContext);
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
