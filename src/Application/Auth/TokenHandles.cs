using System.Security.Cryptography;
using System.Text;

namespace FastApiLearning.Application.Auth;

/// <summary>
/// Opaque one-time values (refresh tokens, authorization codes): random, and kept by the stores only as
/// their SHA-256, so that a copy of the database hands nobody a usable token.
/// </summary>
public static class TokenHandles
{
    /// <summary>256 bits: far beyond guessing, and no need for a slow hash.</summary>
    private const int Bytes = 32;

    /// <summary>A new value, base64url without padding (43 characters, safe in forms, URLs and cookies).</summary>
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>What the stores keep and look up: the SHA-256 of the value, base64url.</summary>
    public static string Hash(string value) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>A new family id: random too, so one family's id says nothing about another's.</summary>
    public static string NewFamilyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
