using System.Globalization;
using System.Security.Claims;
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

    public static string TokenId(ClaimsPrincipal user) => user.FindFirstValue(TokenClaimNames.TokenId) ?? "";

    public static string Subject(ClaimsPrincipal user) => user.FindFirstValue(TokenClaimNames.Subject) ?? "";

    public static DateTimeOffset ExpiresAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(TokenClaimNames.ExpiresAt), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;

    /// <summary>
    /// <c>iat</c> to the millisecond: "log out everywhere" must tell tokens of the same second apart.
    /// A token without one counts as issued at the beginning of time.
    /// </summary>
    public static DateTimeOffset IssuedAt(SecurityToken? token) =>
        token is JsonWebToken jwt && NumericDateClaim.IssuedAt(jwt) is { } seconds and > 0 and < 253_402_300_799m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m))
            : DateTimeOffset.MinValue;
}
