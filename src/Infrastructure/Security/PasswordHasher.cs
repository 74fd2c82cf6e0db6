using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FastApiLearning.Application.Common.Ports;
using Geralt;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// Argon2id (libsodium, through Geralt) for new hashes; verifies Argon2id PHC strings of any
/// parameters and legacy bcrypt hashes. Synchronous and CPU-bound: the service reaches it only
/// through <see cref="GatedPasswordHasher"/>.
/// </summary>
public sealed partial class PasswordHasher
{
    /// <summary>How much of a password bcrypt reads: 72 bytes of its UTF-8 form and a NUL, cut at 72.</summary>
    private const int BcryptKeyBytes = 72;

    private readonly int _iterations;
    private readonly int _memoryKiB;

    public PasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        _iterations = options.Value.Iterations;
        _memoryKiB = options.Value.MemoryKiB;
        DummyHash = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    /// <summary>A current-parameter hash of a random password, for unknown users to be verified against.</summary>
    public string DummyHash { get; }

    public string Hash(string password)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        try
        {
            Span<char> hash = stackalloc char[Argon2id.HashSize];
            Argon2id.ComputeHash(hash, passwordBytes, _iterations, _memoryKiB * 1024);
            return new string(hash.TrimEnd('\0'));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    public PasswordCheck Verify(string password, string passwordHash)
    {
        if (passwordHash.StartsWith("$argon2id$", StringComparison.Ordinal))
        {
            return VerifyArgon2id(password, passwordHash);
        }

        if (IsBcrypt(passwordHash))
        {
            if (!VerifyBcrypt(password, passwordHash))
            {
                return PasswordCheck.Failed;
            }

            // bcrypt is the legacy algorithm here, so a correct hash is upgraded. But bcrypt reads only
            // 72 bytes (a 72-byte password loses its NUL terminator), so a password of 72 bytes or more
            // also matches the hash of any other with the same start: keep the hash, never store this one's.
            return Encoding.UTF8.GetByteCount(password) >= BcryptKeyBytes
                ? PasswordCheck.SucceededLegacyHashKept
                : PasswordCheck.SucceededNeedsUpgrade;
        }

        return PasswordCheck.Failed;
    }

    private PasswordCheck VerifyArgon2id(string password, string passwordHash)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        try
        {
            if (!Argon2id.VerifyHash(passwordHash, passwordBytes))
            {
                return PasswordCheck.Failed;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // Geralt throws on a malformed hash; to a caller that is just a wrong password.
            return PasswordCheck.Failed;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }

        return IsBelowCurrentParameters(passwordHash) ? PasswordCheck.SucceededNeedsUpgrade : PasswordCheck.Succeeded;
    }

    private static bool VerifyBcrypt(string password, string passwordHash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, passwordHash);
        }
        // BCrypt.Net throws these, IndexOutOfRange included, on cut-off or malformed hashes.
        catch (Exception e) when (e is BCrypt.Net.SaltParseException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    private static bool IsBcrypt(string hash) =>
        hash.StartsWith("$2a$", StringComparison.Ordinal)
        || hash.StartsWith("$2b$", StringComparison.Ordinal)
        || hash.StartsWith("$2y$", StringComparison.Ordinal);

    /// <summary>Weaker in memory or time than today's settings; stronger hashes are left alone.</summary>
    private bool IsBelowCurrentParameters(string passwordHash)
    {
        var match = Argon2Parameters().Match(passwordHash);
        return !match.Success
            || int.Parse(match.Groups["m"].ValueSpan, CultureInfo.InvariantCulture) < _memoryKiB
            || int.Parse(match.Groups["t"].ValueSpan, CultureInfo.InvariantCulture) < _iterations;
    }

    [GeneratedRegex(@"^\$argon2id\$v=19\$m=(?<m>\d{1,9}),t=(?<t>\d{1,9}),p=\d{1,3}\$")]
    private static partial Regex Argon2Parameters();
}
