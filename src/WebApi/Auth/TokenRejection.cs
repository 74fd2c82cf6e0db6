using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.Auth;

/// <summary>Why a token was refused, in words fit for the security log (never the token itself).</summary>
public static class TokenRejection
{
    public const string Revoked = "revoked";

    public static string ReasonFor(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "bad signature",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        // Refused by CachingTokenHandler: no iat, iat in the future, or longer than configured.
        SecurityTokenInvalidLifetimeException => "lifetime not allowed",
        // A typ not allowed, or a crit naming an extension (none is understood).
        SecurityTokenInvalidTypeException => "unsupported header",
        SecurityTokenMalformedException or ArgumentException => "malformed",
        _ => exception.GetType().Name,
    };
}
