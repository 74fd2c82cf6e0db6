using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.Sessions;

/// <summary>
/// JwtBearer's token handler, remembering for each token that passed every check (signature,
/// algorithm, issuer, audience, lifetime) that it did, until it expires. A client sends the same
/// token many times; the signature need not be checked each time. Revocation is not cached: it is
/// checked on every request after this (JwtBearer's OnTokenValidated).
/// </summary>
public sealed class CachingTokenHandler : JsonWebTokenHandler, IDisposable
{
    /// <summary>Enough for the active sessions of a busy instance; a few KiB each.</summary>
    public const int Capacity = 4096;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly TimeProvider _timeProvider;

    public CachingTokenHandler(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        // Keep the token's own claim names (sub, email, name, jti).
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.TryGetValue(token, out ValidToken? known) && known is not null)
        {
            // A fresh result each time: its claims identity is built anew, never shared between requests.
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = known.Token,
                Issuer = known.Issuer,
                ClaimsIdentity = CreateClaimsIdentity(known.Token, validationParameters, known.Issuer),
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt)
        {
            var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
            if (expires > _timeProvider.GetUtcNow())
            {
                _validated.Set(token, new ValidToken(jwt, result.Issuer), new MemoryCacheEntryOptions
                {
                    // Never past exp: an expired token is checked again, and refused.
                    AbsoluteExpiration = expires,
                    Size = 1,
                });
            }
        }

        return result;
    }

    public void Dispose() => _validated.Dispose();

    private sealed record ValidToken(JsonWebToken Token, string Issuer);
}
