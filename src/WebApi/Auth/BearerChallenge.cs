using FastApiLearning.WebApi.Contracts;

namespace FastApiLearning.WebApi.Auth;

/// <summary>RFC 6750 §3 answers for a protected resource, with the FastAPI original's bodies.</summary>
public static class BearerChallenge
{
    public const string NotAuthenticated = "Not authenticated";
    public const string CouldNotValidate = "Could not validate credentials";

    /// <summary>A token was presented and is not good (bad, expired, revoked, or its user is gone).</summary>
    public static IResult InvalidToken() => new ChallengeResult(invalidToken: true);

    public static Task WriteAsync(HttpResponse response, bool invalidToken) =>
        new ChallengeResult(invalidToken).ExecuteAsync(response.HttpContext);

    private sealed class ChallengeResult(bool invalidToken) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer";
            return response.WriteAsJsonAsync(new DetailResponse(invalidToken ? CouldNotValidate : NotAuthenticated));
        }
    }
}
