using FastApiLearning.Application.Common.Ports;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace FastApiLearning.WebApi.Http;

/// <summary>
/// CORS for the pages of registered OAuth2 clients (RFC 6749 §3.2 endpoints a browser client calls itself):
/// an origin of a registered redirect URI may POST to <c>/token</c> and <c>/revoke</c>, without cookies (its
/// credentials are the code, the verifier and the tokens it holds). Every other origin, and every other
/// path, gets no CORS header at all, so browsers keep other sites' scripts from reading the answers.
/// </summary>
public sealed class ClientCorsPolicyProvider(IClientRegistry clients) : ICorsPolicyProvider
{
    /// <summary>The endpoints a browser client calls from its own origin.</summary>
    public static readonly string[] Paths = ["/token", "/revoke"];

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var request = context.Request;
        if (!Paths.Any(path => request.Path.Equals(path, StringComparison.Ordinal))
            || CrossSiteRequests.Normalize(request.Headers.Origin.ToString()) is not { } origin
            || !clients.IsClientOrigin(origin))
        {
            return Task.FromResult<CorsPolicy?>(null);
        }

        // The browser compares Access-Control-Allow-Origin with the Origin it sent, character for character.
        var policy = new CorsPolicyBuilder()
            .WithOrigins(request.Headers.Origin.ToString())
            .WithMethods(HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", "Accept")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
            .Build();
        return Task.FromResult<CorsPolicy?>(policy);
    }
}
