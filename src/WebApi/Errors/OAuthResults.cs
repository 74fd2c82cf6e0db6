using FastApiLearning.Application.Common.Ports;
using FastApiLearning.WebApi.Contracts;

namespace FastApiLearning.WebApi.Errors;

/// <summary>
/// The answers of the token endpoint. RFC 6749 §5.1 wants every one of them uncacheable, so
/// each result sets the headers itself, whatever path (endpoint or exception handler) wrote it.
/// </summary>
public static class OAuthResults
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidGrant = "invalid_grant";

    /// <summary>RFC 8628's registered error for a client that must wait before trying again.</summary>
    public const string SlowDown = "slow_down";

    public static IResult Token(AccessToken token) =>
        new NoStoreResult(TypedResults.Ok(
            new TokenResponse(token.Value, "bearer", (long)token.Lifetime.TotalSeconds)));

    public static IResult Error(
        int statusCode,
        string error,
        string description,
        IReadOnlyDictionary<string, string[]>? errors = null) =>
        new NoStoreResult(TypedResults.Json(
            new OAuthErrorResponse(error, description, description, errors), statusCode: statusCode));

    public static void SetNoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    private sealed class NoStoreResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            SetNoStore(httpContext.Response);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
