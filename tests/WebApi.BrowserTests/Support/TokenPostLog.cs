using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FastApiLearning.WebApi.BrowserTests.Support;

/// <summary>
/// Every <c>POST /token</c> the app answers, as the app received it: the two headers its cross-site
/// check reads, exactly as the browser sent them, and the status. Playwright cannot tell: its view of
/// a Chromium request may lack the headers the network stack adds (<c>Origin</c>, <c>Sec-Fetch-*</c>),
/// which come in a later DevTools event (microsoft/playwright#6690).
/// </summary>
public sealed class TokenPostLog : IStartupFilter
{
    private readonly ConcurrentQueue<TokenPost> _posts = new();

    public IReadOnlyList<TokenPost> Posts => [.. _posts];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && request.Path == "/token")
            {
                // Kept before the first byte of the answer leaves, so a client that has its answer finds it here.
                context.Response.OnStarting(() =>
                {
                    _posts.Enqueue(new TokenPost(request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString(), context.Response.StatusCode));
                    return Task.CompletedTask;
                });
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
