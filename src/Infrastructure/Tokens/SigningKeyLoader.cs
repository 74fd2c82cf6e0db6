using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// Turns one configured key into the key and algorithm tokens are signed or checked with. Each key
/// keeps its own type: an EC key is an <see cref="ECDsaSecurityKey"/> and can never be used as an
/// HMAC secret, whatever a token's header says.
/// </summary>
public static class SigningKeyLoader
{
    public const string HowToMakeEs256Key =
        "`openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt > jwt-es256.pem`";

    /// <summary>The object identifier of P-256 (secp256r1, prime256v1).</summary>
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <param name="setting">Where the key was configured, for the messages (<c>Jwt:SigningKeys:0</c>).</param>
    /// <param name="signs">Whether tokens are signed with it (the first key), so a private key is needed.</param>
    /// <param name="problem">What is wrong with the key, naming the setting, when it cannot be loaded.</param>
    public static bool TryLoad(
        SigningKeyOptions entry, string setting, bool signs, out SigningCredentials credentials, out string problem)
    {
        credentials = null!;
        problem = "";
        if (entry.EffectiveAlgorithm == SigningAlgorithms.Hs256)
        {
            if (JwtOptionsSetup.DecodeKey(entry.Key ?? "") is not { } secret)
            {
                problem = $"{setting}:Key is not valid base64.";
                return false;
            }

            credentials = Hs256(secret, entry.Id);
            return true;
        }

        if (TryReadPem(entry, setting, out var pem, out problem) && TryLoadEs256(pem, setting, signs, out var key, out problem))
        {
            if (!string.IsNullOrWhiteSpace(entry.Id))
            {
                key.KeyId = entry.Id;
            }

            credentials = new SigningCredentials(key, SigningAlgorithms.Es256);
            return true;
        }

        return false;
    }

    /// <summary>An HS256 key; unnamed, it is named by a stable, non-secret id: the start of its SHA-256.</summary>
    public static SigningCredentials Hs256(byte[] secret, string? id) =>
        new(new SymmetricSecurityKey(secret)
        {
            KeyId = string.IsNullOrWhiteSpace(id) ? Base64UrlEncoder.Encode(SHA256.HashData(secret).AsSpan(0, 9).ToArray()) : id,
        }, SigningAlgorithms.Hs256);

    private static bool TryReadPem(SigningKeyOptions entry, string setting, out string pem, out string problem)
    {
        pem = "";
        problem = "";
        var hasPem = !string.IsNullOrWhiteSpace(entry.Pem);
        var hasFile = !string.IsNullOrWhiteSpace(entry.PemFile);
        if (hasPem == hasFile)
        {
            problem = $"{setting} is an ES256 key and needs exactly one of Pem (the PEM text) or PemFile (a path to it).";
            return false;
        }

        if (hasPem)
        {
            pem = entry.Pem!;
            return true;
        }

        try
        {
            pem = File.ReadAllText(entry.PemFile!);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{setting}:PemFile {entry.PemFile} cannot be read: {e.Message}";
            return false;
        }
    }

    private static bool TryLoadEs256(string pem, string setting, bool signs, out ECDsaSecurityKey key, out string problem)
    {
        key = null!;
        problem = "";
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            // ArgumentException: no key, two keys, or an encrypted one; CryptographicException: not an EC key.
            problem = $"{setting} holds no unencrypted EC key in PEM ({e.Message}). Make one with {HowToMakeEs256Key}.";
            return false;
        }

        var publicPart = ecdsa.ExportParameters(includePrivateParameters: false);
        if (!IsP256(publicPart.Curve))
        {
            ecdsa.Dispose();
            problem = $"{setting} is an EC key on another curve; ES256 needs P-256 (prime256v1). Make one with {HowToMakeEs256Key}.";
            return false;
        }

        if (signs && !HasPrivateKey(ecdsa))
        {
            ecdsa.Dispose();
            problem = $"{setting} is a public key, and the first key signs: it needs the private key. Make one with {HowToMakeEs256Key}.";
            return false;
        }

        key = new ECDsaSecurityKey(ecdsa) { KeyId = Base64UrlEncoder.Encode(PublishedKey.From(publicPart, "", "").Thumbprint()) };
        return true;
    }

    private static bool IsP256(ECCurve curve) =>
        curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1");

    private static bool HasPrivateKey(ECDsa ecdsa)
    {
        try
        {
            return ecdsa.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
