using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>The keys tokens are signed with and checked against, built once from <see cref="JwtOptions"/>.</summary>
public sealed class JwtSigningKeys
{
    public JwtSigningKeys(IOptions<JwtOptions> options)
    {
        var secret = JwtOptionsSetup.DecodeKey(options.Value.SigningKey ?? "")
            ?? throw new InvalidOperationException("Jwt:SigningKey was not validated.");
        var key = new SymmetricSecurityKey(secret) { KeyId = KeyIdOf(secret) };
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        ValidationKeys = [key];
    }

    public SigningCredentials SigningCredentials { get; }

    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    /// <summary>A stable, non-secret name for a key: the start of its SHA-256.</summary>
    private static string KeyIdOf(byte[] secret) =>
        Base64UrlEncoder.Encode(SHA256.HashData(secret).AsSpan(0, 9).ToArray());
}
