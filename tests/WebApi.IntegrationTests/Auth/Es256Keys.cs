using System.Security.Cryptography;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

/// <summary>
/// One ES256 key for the tests that sign with it (made once per run, as `openssl ecparam … | openssl
/// pkcs8 -topk8` would), and the settings of a deployment moving from HS256 to it.
/// </summary>
public static class Es256Keys
{
    public const string LegacyKeyId = "legacy";

    public static readonly string Pem = NewPem();

    /// <summary>The first key ES256, given as PEM; then, unless left out, the tests' HS256 key.</summary>
    public static (string Key, string Value)[] Settings(bool withLegacyHs256Key) =>
        withLegacyHs256Key
            ?
            [
                ("Jwt:SigningKeys:0:Pem", Pem),
                ("Jwt:SigningKeys:1:Algorithm", "HS256"),
                ("Jwt:SigningKeys:1:Id", LegacyKeyId),
                ("Jwt:SigningKeys:1:Key", TestTokens.SigningKey),
            ]
            : [("Jwt:SigningKeys:0:Pem", Pem)];

    /// <summary>The public key's DER (SubjectPublicKeyInfo), which anyone can read from the JWKS.</summary>
    public static byte[] PublicKeyBytes()
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(Pem);
        return key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>A token as the service would sign it with the ES256 key, under <paramref name="keyId"/>.</summary>
    public static string Sign(string keyId, DateTime? expires = null)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(Pem);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ?? now + TestTokens.Lifetime,
            Claims = new Dictionary<string, object> { ["sub"] = TestTokens.BehaiEmpNo.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static string NewPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }
}
