using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace FastApiLearning.WebApi.Pages;

/// <summary>The frame every HTML page of the app shares: no inline script, no CDN.</summary>
public static class HtmlLayout
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>The hidden field that proves a form came from this app (and sets its cookie).</summary>
    public static string AntiforgeryField(HttpContext httpContext)
    {
        var tokens = httpContext.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(httpContext);
        return $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">";
    }

    /// <param name="title">Plain text; encoded here.</param>
    /// <param name="main">Already-encoded HTML for the page's main element.</param>
    public static string Render(string title, string main) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{Encode(title)}} · FastApiLearning</title>
          <link rel="stylesheet" href="/css/site.css">
        </head>
        <body>
          <header class="brand"><a href="/">FastApiLearning</a></header>
          <main class="card">
        {{main}}
          </main>
          <footer class="foot"><a href="/docs">API documentation</a></footer>
        </body>
        </html>
        """;
}
