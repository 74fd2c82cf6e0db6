using System.Security.Cryptography;

namespace FastApiLearning.Infrastructure.UnitTests.Tokens;

/// <summary>Keys as an operator would make them with openssl, in PEM.</summary>
public static class TestKeys
{
    /// <summary>A new EC P-256 private key, PKCS#8 (<c>PRIVATE KEY</c>), as <c>openssl pkcs8 -topk8</c> writes it.</summary>
    public static string NewEs256Pem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The public half of <paramref name="privatePem"/> (<c>PUBLIC KEY</c>).</summary>
    public static string PublicPem(string privatePem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privatePem);
        return key.ExportSubjectPublicKeyInfoPem();
    }
}
