using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// The public half of an ES256 key as a JWK publishes it (RFC 7518 §6.2.1): built from the public
/// parameters only, so it cannot carry the private <c>d</c>.
/// </summary>
/// <param name="X">The point's x coordinate, base64url, 32 bytes for P-256.</param>
/// <param name="Y">The point's y coordinate, base64url.</param>
public sealed record PublishedKey(string KeyId, string Algorithm, string Curve, string X, string Y)
{
    public const string KeyType = "EC";
    public const string P256 = "P-256";

    public static PublishedKey From(ECParameters publicPart, string keyId, string algorithm) =>
        new(keyId, algorithm, P256, Base64UrlEncoder.Encode(publicPart.Q.X), Base64UrlEncoder.Encode(publicPart.Q.Y));

    public static PublishedKey From(ECDsaSecurityKey key, string algorithm) =>
        From(key.ECDsa.ExportParameters(includePrivateParameters: false), key.KeyId, algorithm);

    /// <summary>The RFC 7638 thumbprint (SHA-256 of the required members in order), the default kid.</summary>
    public byte[] Thumbprint() =>
        new JsonWebKey { Kty = KeyType, Crv = Curve, X = X, Y = Y }.ComputeJwkThumbprint();
}
