using System.Security.Cryptography;
using System.Text;

namespace FastApiLearning.Application.Auth.Authorize;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only: <c>plain</c> would hand a code's thief the verifier too.</summary>
public static class Pkce
{
    public const string S256 = "S256";
    public const int MinLength = 43;
    public const int MaxLength = 128;

    /// <summary>
    /// A code verifier or challenge as §4.1 writes them: 43 to 128 of the unreserved characters
    /// <c>[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"</c>.
    /// </summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>Whether BASE64URL(SHA256(ASCII(verifier))) is the challenge (§4.6), compared in constant time.</summary>
    public static bool Matches(string? verifier, string challenge)
    {
        if (!IsWellFormed(verifier))
        {
            return false;
        }

        var computed = Encoding.ASCII.GetBytes(ChallengeOf(verifier!));
        return CryptographicOperations.FixedTimeEquals(computed, Encoding.ASCII.GetBytes(challenge));
    }

    /// <summary>The S256 challenge of a verifier: what a client sends to /authorize.</summary>
    public static string ChallengeOf(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
