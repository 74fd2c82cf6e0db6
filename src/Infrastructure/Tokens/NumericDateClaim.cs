using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// One reader for NumericDate claims (<c>iat</c>, <c>exp</c>), used by the lifetime check and the
/// revocation check alike.
/// </summary>
public static class NumericDateClaim
{
    /// <summary>
    /// The validated-token cache hands out one <see cref="JsonWebToken"/> per token, so its iat is
    /// read from the JSON once, not on every request's revocation check.
    /// </summary>
    private static readonly ConditionalWeakTable<JsonWebToken, StrongBox<decimal?>> s_issuedAt = new();

    /// <summary>
    /// When the token was issued, in seconds to the millisecond: its <c>iat_ms</c>
    /// (<see cref="TokenClaimNames.IssuedAtMilliseconds"/>) ÷ 1000, or, in a token without one (issued
    /// before it came), its <c>iat</c> as written, fraction included. <c>null</c> when the one it has is
    /// not a number. Remembered for as long as the token object lives.
    /// </summary>
    public static decimal? IssuedAt(JsonWebToken jwt) =>
        s_issuedAt.GetValue(jwt, static token => new StrongBox<decimal?>(ReadIssuedAt(token))).Value;

    /// <summary>
    /// The claim as the token's JSON has it, fraction included (the token handler rounds a
    /// fractional <c>iat</c> to whole seconds); <c>null</c> when absent or not a number.
    /// </summary>
    public static decimal? Read(JsonWebToken jwt, string claim) => TryRead(jwt, claim, out var value) ? value : null;

    private static decimal? ReadIssuedAt(JsonWebToken jwt) =>
        TryRead(jwt, TokenClaimNames.IssuedAtMilliseconds, out var milliseconds)
            ? milliseconds / 1000m
            : Read(jwt, TokenClaimNames.IssuedAt);

    /// <summary>Whether the payload has the claim at its top level; its value when that is a number, else null.</summary>
    private static bool TryRead(JsonWebToken jwt, string claim, out decimal? value)
    {
        value = null;
        var reader = new Utf8JsonReader(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(claim))
            {
                value = reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number) ? number : null;
                return true;
            }

            if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return false;
    }
}
