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
        // Each key with the algorithm it signs with: a shared secret HS256, and a key of another
        // kind, added later, its own.
        SigningCredentials[] keys = settings.SigningKeys.Count > 0
            ? [.. settings.SigningKeys.Select(k => Hs256(new SymmetricSecurityKey(Decode(k.Key)) { KeyId = k.Id }))]
            : [Hs256(KeyWithDerivedId(Decode(settings.SigningKey ?? "")))];
        SigningCredentials = keys[0];
        // Arrays: JwtBearer copies both into the validation parameters it clones for every request.
        ValidationKeys = keys.Select(k => k.Key).ToArray();
        ValidationAlgorithms = keys.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal).ToArray();
    }

    public SigningCredentials SigningCredentials { get; }

    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    /// <summary>The algorithms of <see cref="ValidationKeys"/>: a token signed with any other is refused.</summary>
    public IReadOnlyList<string> ValidationAlgorithms { get; }

    private static SigningCredentials Hs256(SymmetricSecurityKey key) => new(key, SecurityAlgorithms.HmacSha256);

    private static SymmetricSecurityKey KeyWithDerivedId(byte[] secret) => new(secret) { KeyId = KeyIdOf(secret) };

    private static byte[] Decode(string base64) =>
        JwtOptionsSetup.DecodeKey(base64) ?? throw new InvalidOperationException("The JWT signing keys were not validated.");

    /// <summary>A stable, non-secret name for a key: the start of its SHA-256.</summary>
    private static string KeyIdOf(byte[] secret) =>
        Base64UrlEncoder.Encode(SHA256.HashData(secret).AsSpan(0, 9).ToArray());
}
