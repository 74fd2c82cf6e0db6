using FastApiLearning.WebApi.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace FastApiLearning.WebApi.Http;

/// <summary>Tells a browser from an API client; both are answered by the same endpoints.</summary>
public static class BrowserRequest
{
    /// <summary>
    /// A form a browser submits asks for <c>text/html</c> first; Swagger UI, curl and OAuth2
    /// libraries ask for JSON or anything, and get JSON.
    /// </summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return false;
        }

        // The highest quality wins; among equals, the first one listed.
        var preferred = accepted
            .Select((type, index) => (type, index))
            .OrderByDescending(entry => entry.type.Quality ?? 1.0)
            .ThenBy(entry => entry.index)
            .First().type;
        return preferred.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || preferred.MediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Authenticated by the session cookie rather than an <c>Authorization</c> header: such a
    /// request could be forged by another site, so a state-changing one needs an antiforgery token.
    /// </summary>
    public static bool UsesSessionCookie(HttpRequest request) =>
        !request.Headers.ContainsKey(HeaderNames.Authorization) && SessionCookie.IsPresent(request);

    /// <summary>
    /// Whether a form carries a valid antiforgery token. A body that cannot even be read as a
    /// form (an unsupported charset, a broken multipart body) has none.
    /// </summary>
    public static async Task<bool> HasValidAntiforgeryTokenAsync(IAntiforgery antiforgery, HttpContext httpContext)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(httpContext);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return false;
        }
    }
}
