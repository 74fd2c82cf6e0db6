using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// JwtBearer's token handler, remembering for each token that passed every check (signature,
/// algorithm, issuer, audience, lifetime, and the two below) that it did, until it expires. A client
/// sends the same token many times; the signature need not be checked each time. Revocation is not
/// cached: it is checked on every request after this (JwtBearer's TokenValidated event). An entry
/// remembers the key that signed its token and is used only while that key is among the validation
/// parameters' keys: a key no longer configured takes its tokens' entries with it.
/// Beyond the base handler: a token must have an iat, not in the future, and live no longer than
/// Jwt:AccessTokenLifetime, so that a leaked key cannot mint a token good for years; its iat_ms, when
/// it has one, must fall within its iat's second; and a header with crit is refused, as no extension
/// is understood here (RFC 7515 §4.1.11).
/// </summary>
public sealed class CachingTokenHandler : JsonWebTokenHandler, IDisposable
{
    /// <summary>Enough for the active sessions of a busy instance; a few KiB each.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>The instant of issue has milliseconds (iat_ms) while exp is whole: an issuer may round exp up.</summary>
    private static readonly TimeSpan s_lifetimeTolerance = TimeSpan.FromSeconds(1);

    private readonly MemoryCache _validated;
    private readonly bool _enabled;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _accessTokenLifetime;

    public CachingTokenHandler(TimeProvider timeProvider, IOptions<JwtOptions> jwt)
    {
        _timeProvider = timeProvider;
        _accessTokenLifetime = jwt.Value.AccessTokenLifetime;
        // 0 turns the cache off: every request checks the signature (what the bench compares the cache with).
        _enabled = jwt.Value.ValidatedTokenCacheCapacity > 0;
        _validated = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, jwt.Value.ValidatedTokenCacheCapacity) });
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ValidToken? known = null;
        var key = new TokenKey(token);
        if (_enabled && _validated.TryGetValue(key, out known) && known is not null && !IsTrusted(known.SigningKey, validationParameters))
        {
            // Checked in full below, against the keys trusted now: refused, unless another key signed it.
            _validated.Remove(key);
            known = null;
        }

        if (known is not null)
        {
            // MemoryCache forgets an entry by the system clock, not by this one: exp is checked on
            // every hit, allowing the clock skew the base handler allows.
            if (_timeProvider.GetUtcNow() > known.Expires + validationParameters.ClockSkew)
            {
                _validated.Remove(key);
                return new TokenValidationResult
                {
                    IsValid = false,
                    Exception = new SecurityTokenExpiredException("The token has expired.") { Expires = known.Token.ValidTo },
                };
            }

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
            if (Refuse(jwt, validationParameters.ClockSkew) is { } refusal)
            {
                return new TokenValidationResult { IsValid = false, Exception = refusal };
            }

            var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
            if (_enabled && expires > _timeProvider.GetUtcNow())
            {
                _validated.Set(key, new ValidToken(jwt, result.Issuer, expires, jwt.SigningKey), new MemoryCacheEntryOptions
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

    /// <summary>Why a token the base handler accepted is refused all the same, or null.</summary>
    private SecurityTokenException? Refuse(JsonWebToken jwt, TimeSpan clockSkew)
    {
        using (var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedHeader)))
        {
            if (header.RootElement.TryGetProperty("crit", out _))
            {
                return new SecurityTokenInvalidTypeException("The token's header has crit, and no extension is understood here.");
            }
        }

        // The instant to the millisecond (iat_ms, or an older token's fractional iat), as the revocation check reads it.
        if (NumericDateClaim.IssuedAt(jwt) is not { } iat
            || NumericDateClaim.Read(jwt, TokenClaimNames.IssuedAt) is not { } wholeIat
            || NumericDateClaim.Read(jwt, TokenClaimNames.ExpiresAt) is not { } exp)
        {
            return new SecurityTokenInvalidLifetimeException("The token has no numeric iat or exp, so its lifetime is unknown.");
        }

        // Other verifiers read iat, "log out everywhere" reads iat_ms: both must name the same second.
        if (iat < wholeIat || iat >= wholeIat + 1)
        {
            return new SecurityTokenInvalidLifetimeException(string.Create(
                CultureInfo.InvariantCulture, $"The token's iat_ms ({iat} s) is not within its iat's second ({wholeIat})."));
        }

        // Else a token issued in ten years, expiring an hour later, would be good for ten years.
        var (issuedAt, expires) = ((double)iat, (double)exp);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        if (issuedAt > now + clockSkew.TotalSeconds)
        {
            return new SecurityTokenInvalidLifetimeException("The token's iat is in the future.");
        }

        var lifetime = expires - issuedAt;
        return lifetime > (_accessTokenLifetime + s_lifetimeTolerance).TotalSeconds
            ? new SecurityTokenInvalidLifetimeException(string.Create(
                CultureInfo.InvariantCulture,
                $"The token lives {lifetime} s, longer than Jwt:AccessTokenLifetime ({_accessTokenLifetime})."))
            : null;
    }

    /// <summary>
    /// Whether the key is one of those the parameters trust, by reference: the keys are built once, so a
    /// key of the same bytes built anew (or none) is a miss and the token is checked again in full.
    /// </summary>
    private static bool IsTrusted(SecurityKey signingKey, TokenValidationParameters parameters)
    {
        if (ReferenceEquals(parameters.IssuerSigningKey, signingKey))
        {
            return true;
        }

        if (parameters.IssuerSigningKeys is { } keys)
        {
            foreach (var key in keys)
            {
                if (ReferenceEquals(key, signingKey))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The cache's key: the whole token, compared in full (a hit is exactly the same string), but hashed
    /// over its signature only. A string's hash reads every character, and the header and payload, most
    /// of a token, make no key more distinct than its signature already does; hashing them cost more than
    /// the rest of a hit and grew with the token (an ES256 token is longer than an HS256 one). Only tokens
    /// that passed the full check are stored, so nobody chooses the signatures that share a bucket.
    /// </summary>
    private sealed class TokenKey(string token) : IEquatable<TokenKey>
    {
        private readonly string _token = token;

        public bool Equals(TokenKey? other) => other is not null && string.Equals(_token, other._token, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as TokenKey);

        public override int GetHashCode() => string.GetHashCode(_token.AsSpan(_token.LastIndexOf('.') + 1));
    }

    private sealed record ValidToken(JsonWebToken Token, string Issuer, DateTimeOffset Expires, SecurityKey SigningKey);
}
