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

    /// <summary><see cref="Read"/> of <c>iat</c>, remembered for as long as the token object lives.</summary>
    public static decimal? IssuedAt(JsonWebToken jwt) =>
        s_issuedAt.GetValue(jwt, static token => new StrongBox<decimal?>(Read(token, TokenClaimNames.IssuedAt))).Value;

    /// <summary>
    /// The claim as the token's JSON has it, fraction included (the token handler rounds a
    /// fractional <c>iat</c> to whole seconds); <c>null</c> when absent or not a number.
    /// </summary>
    public static decimal? Read(JsonWebToken jwt, string claim)
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
