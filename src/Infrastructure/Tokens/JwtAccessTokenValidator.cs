using System.Security.Claims;
using FastApiLearning.Application.Common.Ports;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// Checks a token exactly as JwtBearer does for the protected endpoints: the same handler (the validated-token
/// cache, with its extra checks) and the same validation parameters (<see cref="JwtBearerOptionsSetup"/>'s), so
/// that revocation and introspection can never accept a token the endpoints would refuse, or the other way round.
/// </summary>
public sealed class JwtAccessTokenValidator(IOptionsMonitor<JwtBearerOptions> bearer, CachingTokenHandler tokenHandler) : IAccessTokenValidator
{
    /// <summary>A JWT of ours is well under 2 KiB; one this long is not worth parsing.</summary>
    private const int MaxTokenLength = 8 * 1024;

    private TokenValidationParameters Parameters => bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;

    public string Issuer => Parameters.ValidIssuer ?? Parameters.ValidIssuers?.FirstOrDefault() ?? "";

    public async ValueTask<ValidatedAccessToken?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return null;
        }

        var result = await tokenHandler.ValidateTokenAsync(token, Parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || result.ClaimsIdentity is not { } identity)
        {
            return null;
        }

        // The instant of issue to the millisecond (iat_ms), as the revocation check reads it (NumericDateClaim).
        var issuedAt = NumericDateClaim.IssuedAt(jwt) is { } seconds and > 0 and < 253_402_300_799m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m))
            : DateTimeOffset.MinValue;
        return new ValidatedAccessToken(
            Claim(identity, TokenClaimNames.TokenId) ?? "",
            Claim(identity, TokenClaimNames.Subject) ?? "",
            Claim(identity, TokenClaimNames.Email),
            issuedAt,
            new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
            [.. identity.FindAll(TokenClaimNames.Scope).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))],
            Claim(identity, TokenClaimNames.ClientId),
            Claim(identity, TokenClaimNames.SessionId),
            jwt.Issuer,
            jwt.Audiences.FirstOrDefault() ?? "");
    }

    private static string? Claim(ClaimsIdentity identity, string type) => identity.FindFirst(type)?.Value;
}
