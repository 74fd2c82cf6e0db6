using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FastApiLearning.WebApi.Sessions;

/// <summary>Reads what the endpoints need from a validated token's principal.</summary>
public static class TokenClaims
{
    public static int? EmpNo(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Sub), NumberStyles.None, CultureInfo.InvariantCulture, out var empNo)
            ? empNo
            : null;

    public static string? Email(ClaimsPrincipal user) => user.FindFirstValue(JwtRegisteredClaimNames.Email);

    public static string TokenId(ClaimsPrincipal user) => user.FindFirstValue(JwtRegisteredClaimNames.Jti) ?? "";

    public static DateTimeOffset ExpiresAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Exp), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
}
