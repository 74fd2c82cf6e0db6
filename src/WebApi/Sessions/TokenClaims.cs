using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

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

    public static string Subject(ClaimsPrincipal user) => user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? "";

    public static DateTimeOffset ExpiresAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Exp), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;

    /// <summary>
    /// <c>iat</c> to the millisecond: "log out everywhere" must tell tokens of the same second apart.
    /// A token without one counts as issued at the beginning of time.
    /// </summary>
    public static DateTimeOffset IssuedAt(SecurityToken? token) =>
        token is JsonWebToken jwt && NumericDate(jwt, JwtRegisteredClaimNames.Iat) is { } seconds and > 0 and < 253_402_300_799m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m))
            : DateTimeOffset.MinValue;

    /// <summary>
    /// A NumericDate claim (<c>iat</c>, <c>exp</c>) as the token's JSON has it, fraction included (the
    /// token handler rounds a fractional <c>iat</c> to whole seconds); <c>null</c> when absent or not a number.
    /// </summary>
    public static decimal? NumericDate(JsonWebToken jwt, string claim)
    {
        var reader = new Utf8JsonReader(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(claim))
            {
                return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var seconds) ? seconds : null;
            }

            if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return null;
    }
}
