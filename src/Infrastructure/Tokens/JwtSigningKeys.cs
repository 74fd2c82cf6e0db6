using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>The keys tokens are signed with and checked against, built once from <see cref="JwtOptions"/>.</summary>
public sealed class JwtSigningKeys
{
    public JwtSigningKeys(IOptions<JwtOptions> options)
    {
        var settings = options.Value;
        SymmetricSecurityKey[] keys = settings.SigningKeys.Count > 0
            ? [.. settings.SigningKeys.Select(k => new SymmetricSecurityKey(Decode(k.Key)) { KeyId = k.Id })]
            : [KeyWithDerivedId(Decode(settings.SigningKey ?? ""))];
        SigningCredentials = new SigningCredentials(keys[0], SecurityAlgorithms.HmacSha256);
        ValidationKeys = keys;
    }

    public SigningCredentials SigningCredentials { get; }

    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    private static SymmetricSecurityKey KeyWithDerivedId(byte[] secret) => new(secret) { KeyId = KeyIdOf(secret) };

    private static byte[] Decode(string base64) =>
        JwtOptionsSetup.DecodeKey(base64) ?? throw new InvalidOperationException("The JWT signing keys were not validated.");

    /// <summary>A stable, non-secret name for a key: the start of its SHA-256.</summary>
    private static string KeyIdOf(byte[] secret) =>
        Base64UrlEncoder.Encode(SHA256.HashData(secret).AsSpan(0, 9).ToArray());
}
