namespace FastApiLearning.WebApi.Http;

/// <summary>
/// Headers that keep a browser from being turned against the app: no inline or foreign script on
/// the app's own pages, no framing, no MIME sniffing, no referrer, and HSTS over HTTPS. Swagger UI
/// renders its inline styles with React, so its pages get that one exception and no other.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public const string SwaggerUiPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // Set as the answer starts, so that error answers (whose headers are cleared first) get them too.
        context.Response.OnStarting(() =>
        {
            AddHeaders(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/docs") ? SwaggerUiPolicy : AppPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }
    }
}
