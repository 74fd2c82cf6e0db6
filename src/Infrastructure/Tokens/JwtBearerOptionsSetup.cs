using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// How JwtBearer checks an access token: with the keys, issuer, audience and claim names that
/// <see cref="JwtTokenIssuer"/> uses, through the validated-token cache. What happens around a
/// request (where the token comes from, revocation, the challenge) is the web layer's.
/// </summary>
public sealed class JwtBearerOptionsSetup(IOptions<JwtOptions> jwt, JwtSigningKeys keys, CachingTokenHandler tokenHandler)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = jwt.Value;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(tokenHandler);
        // The token's own claim names (TokenClaimNames), not WS-* URIs. JwtBearer hands this
        // setting to its default handlers only, and the cache replaces them, so it is told too.
        options.MapInboundClaims = tokenHandler.MapInboundClaims = false;
        // The challenge says only invalid_token; the reason stays in the server's log.
        options.IncludeErrorDetails = false;
        // Nothing reads the token back from the authentication properties: don't store it on every request.
        options.SaveToken = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = keys.ValidationKeys,
            ValidAlgorithms = keys.ValidationAlgorithms,
            // Narrower than ValidAlgorithms, which holds HS256 and ES256 while a deployment moves
            // from one to the other: each key only with its own algorithm.
            AlgorithmValidator = (algorithm, key, _, _) => keys.Accepts(algorithm, key),
            ClockSkew = settings.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            NameClaimType = TokenClaimNames.Name,
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
