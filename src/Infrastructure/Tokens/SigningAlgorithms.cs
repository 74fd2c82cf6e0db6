using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>The two algorithms a signing key may have (JWA names, RFC 7518).</summary>
public static class SigningAlgorithms
{
    /// <summary>ECDSA on P-256 with SHA-256: the default; its public key is published.</summary>
    public const string Es256 = SecurityAlgorithms.EcdsaSha256;

    /// <summary>HMAC with SHA-256: a shared secret, never published.</summary>
    public const string Hs256 = SecurityAlgorithms.HmacSha256;
}
