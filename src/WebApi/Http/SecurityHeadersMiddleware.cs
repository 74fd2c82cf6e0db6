using FastApiLearning.WebApi.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace FastApiLearning.WebApi.Http;

/// <summary>
/// Headers that keep a browser from being turned against the app: no inline or foreign script on
/// the app's own pages, no framing, no MIME sniffing, no referrer, and HSTS over HTTPS. Swagger UI
/// renders its inline styles with React, so its pages get that one exception and no other. An
/// answer that depends on who asks (a protected endpoint, or any request carrying a token or the
/// session cookie) is never stored, by the browser (Back after logout) or by a shared cache.
/// A page whose form ends in a redirect to a registered OAuth2 client (the login and consent pages of an
/// authorization request) may name that client's origin in <c>form-action</c>, for that answer alone:
/// Chrome checks the redirects after a form post against it.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public const string SwaggerUiPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private static readonly object s_formActionKey = new();

    /// <summary>
    /// This answer's <c>form-action</c> allows <paramref name="origin"/> too (a registered client's redirect
    /// origin, <c>scheme://host[:port]</c>); no other answer's does.
    /// </summary>
    public static void AllowFormAction(HttpContext context, string origin)
    {
        // An origin has no space, quote or semicolon: nothing else can ride into the header with it.
        if (CrossSiteRequests.Normalize(origin) is { } normalized)
        {
            context.Items[s_formActionKey] = normalized;
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        // Set as the answer starts, so that error answers (whose headers are cleared first) get them too.
        context.Response.OnStarting(
            static state =>
            {
                AddHeaders((HttpContext)state);
                return Task.CompletedTask;
            },
            context);
        return next(context);
    }

    private static void AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        var policy = context.Request.Path.StartsWithSegments("/docs") ? SwaggerUiPolicy : AppPolicy;
        if (context.Items[s_formActionKey] is string origin)
        {
            policy = policy.Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal);
        }

        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" even on our own
        // form posts, and the cross-site check needs their real origin. Other sites still get no referrer.
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        var request = context.Request;
        var bearer = request.Headers.ContainsKey(HeaderNames.Authorization);
        var cookie = SessionCookie.IsPresent(request);
        var isProtected = context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null;
        if (!bearer && !cookie && !isProtected)
        {
            return;
        }

        if (string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }

        // Without an Authorization header, the session cookie decided this answer.
        if (!bearer)
        {
            headers.Append(HeaderNames.Vary, "Cookie");
        }
    }
}
