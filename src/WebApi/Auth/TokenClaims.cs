using System.Globalization;
using System.Security.Claims;
using FastApiLearning.Application.Auth;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.Auth;

/// <summary>Reads what the endpoints need from a validated token's principal.</summary>
public static class TokenClaims
{
    public static int? EmpNo(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(TokenClaimNames.Subject), NumberStyles.None, CultureInfo.InvariantCulture, out var empNo)
            ? empNo
            : null;

    public static string? Email(ClaimsPrincipal user) => user.FindFirstValue(TokenClaimNames.Email);

    /// <summary>
    /// The scope names the token was granted (its space-separated <c>scope</c> claim, as issued; an array
    /// would arrive as one claim per element). None when it has no such claim: a token issued before scopes
    /// existed, or to an employee who holds none.
    /// </summary>
    public static IReadOnlyList<string> Scopes(ClaimsPrincipal user) =>
        [.. user.FindAll(TokenClaimNames.Scope).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>Who sends a message, for the handlers' own-versus-other rules; null when the token names no employee.</summary>
    public static Caller? Caller(ClaimsPrincipal user) => EmpNo(user) is { } empNo ? new Caller(empNo, Scopes(user)) : null;

    public static string TokenId(ClaimsPrincipal user) => user.FindFirstValue(TokenClaimNames.TokenId) ?? "";

    /// <summary>The token's <c>sid</c>: the refresh-token family it was issued in, or null when none.</summary>
    public static string? SessionId(ClaimsPrincipal user) => user.FindFirstValue(TokenClaimNames.SessionId);

    /// <summary>The client the token was issued to (<c>client_id</c>); absent for anonymous password-grant tokens.</summary>
    public static string? ClientId(ClaimsPrincipal user) => user.FindFirstValue(TokenClaimNames.ClientId);

    public static string Subject(ClaimsPrincipal user) => user.FindFirstValue(TokenClaimNames.Subject) ?? "";

    public static DateTimeOffset ExpiresAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(TokenClaimNames.ExpiresAt), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;

    /// <summary>The validated token's instant of issue, from its claims: <c>iat_ms</c>, else <c>iat</c> (older tokens), else the beginning of time.</summary>
    public static DateTimeOffset IssuedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(TokenClaimNames.IssuedAtMilliseconds), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds is > 0 and < 253_402_300_799_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : decimal.TryParse(user.FindFirstValue(TokenClaimNames.IssuedAt), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                && seconds is > 0 and < 253_402_300_799m
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m))
                : DateTimeOffset.MinValue;

    /// <summary>
    /// The instant of issue to the millisecond (<c>iat_ms</c>; <c>iat</c> is whole seconds): "log out everywhere" must tell tokens of the same second apart.
    /// A token without one counts as issued at the beginning of time.
    /// </summary>
    public static DateTimeOffset IssuedAt(SecurityToken? token) =>
        token is JsonWebToken jwt && NumericDateClaim.IssuedAt(jwt) is { } seconds and > 0 and < 253_402_300_799m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m))
            : DateTimeOffset.MinValue;
}
