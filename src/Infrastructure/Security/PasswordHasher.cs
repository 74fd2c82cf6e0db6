using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Geralt;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// Argon2id (libsodium, through Geralt) for new hashes; verifies Argon2id PHC strings of any
/// parameters, legacy bcrypt hashes, and legacy hashes wrapped in today's Argon2id. Synchronous and
/// CPU-bound: the service reaches it only through <see cref="GatedPasswordHasher"/>.
/// </summary>
/// <remarks>
/// <para>
/// A legacy hash costs less to verify than the dummy hash of an unknown user (argon2-cffi's m=4096,t=1
/// about 6 ms against 18 ms), so timing tells who exists. <see cref="WrapLegacy"/> closes that without
/// the passwords (hash layering, OWASP's password storage guidance): the legacy hash becomes the
/// password of an Argon2id at today's parameters, and only its algorithm, parameters and salt are kept
/// beside it. The wrapped format (at most 244 characters: <see cref="Employee.MaxPasswordHashLength"/>
/// is 255):
/// </para>
/// <code>
/// $fal-wrap$&lt;inner&gt;$argon2id$v=19$m=&lt;today's&gt;,t=&lt;today's&gt;,p=1$&lt;salt&gt;$&lt;hash&gt;
///
/// inner, bcrypt:  2b$12$&lt;22-character salt&gt;                (2a and 2y too; the hash without its last 31 characters)
///                 outer password: the whole 60-character bcrypt hash, as ASCII
/// inner, Argon2:  argon2id$v=19$m=4096,t=1,p=4,l=32$&lt;salt&gt;   (the PHC string without its hash; l = its length in bytes)
///                 outer password: the raw Argon2 hash
/// </code>
/// <para>
/// Verification recomputes the inner hash from the password with the stored parameters and salt,
/// then verifies the outer Argon2id over it: at least one full Argon2id at today's parameters, so a
/// wrapped hash never costs less than the dummy verification. A match is
/// <see cref="PasswordCheck.SucceededNeedsUpgrade"/> (the login then stores a plain current hash), or,
/// for bcrypt and a password of 72 bytes or more, <see cref="PasswordCheck.SucceededLegacyHashKept"/>
/// as for plain bcrypt.
/// </para>
/// </remarks>
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
            return HashBytes(passwordBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    /// <summary>Never throws: a malformed hash, or a string that is no hash (<see cref="Employee.NoPassword"/>), fails.</summary>
    public PasswordCheck Verify(string password, string passwordHash)
    {
        if (passwordHash.StartsWith(WrappedHash.Prefix, StringComparison.Ordinal))
        {
            return VerifyWrapped(password, passwordHash);
        }

        if (passwordHash.StartsWith("$argon2id$", StringComparison.Ordinal))
        {
            return VerifyArgon2id(password, passwordHash);
        }

        if (IsBcrypt(passwordHash))
        {
            return VerifyBcrypt(password, passwordHash) ? BcryptMatch(password) : PasswordCheck.Failed;
        }

        return PasswordCheck.Failed;
    }

    /// <summary>Whether <see cref="WrapLegacy"/> would wrap this hash; cheap (no hashing).</summary>
    public bool IsWrappable(string passwordHash) => TryReadLegacy(passwordHash, out _, out _);

    /// <summary>
    /// The legacy hash wrapped in an Argon2id at today's parameters (see the remarks on the class), or
    /// null when there is nothing to wrap: a hash at today's parameters or stronger, one already
    /// wrapped, <see cref="Employee.NoPassword"/>, anything malformed or out of the supported ranges.
    /// </summary>
    public string? WrapLegacy(string passwordHash)
    {
        if (!TryReadLegacy(passwordHash, out var inner, out var innerHash))
        {
            return null;
        }

        // The inner hash is the stored one, no secret beyond it: nothing to zero.
        var wrapped = WrappedHash.Format(inner, HashBytes(innerHash));
        return wrapped.Length <= Employee.MaxPasswordHashLength ? wrapped : null;
    }

    private string HashBytes(ReadOnlySpan<byte> password)
    {
        Span<char> hash = stackalloc char[Argon2id.HashSize];
        Argon2id.ComputeHash(hash, password, _iterations, _memoryKiB * 1024);
        return new string(hash.TrimEnd('\0'));
    }

    private bool TryReadLegacy(
        string passwordHash,
        [NotNullWhen(true)] out LegacyHash? inner,
        [NotNullWhen(true)] out byte[]? innerHash)
    {
        (inner, innerHash) = (null, null);
        if (BcryptLegacyHash.TryParseStored(passwordHash, out var bcrypt, out innerHash))
        {
            inner = bcrypt;
            return true;
        }

        // Only what a login would upgrade: a hash at today's parameters or stronger costs enough already.
        if (IsBelowCurrentParameters(passwordHash) && Argon2LegacyHash.TryParseStored(passwordHash, out var argon2, out innerHash))
        {
            inner = argon2;
            return true;
        }

        return false;
    }

    private PasswordCheck VerifyArgon2id(string password, string passwordHash)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        try
        {
            if (!VerifyArgon2idOf(passwordBytes, passwordHash))
            {
                return PasswordCheck.Failed;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }

        return IsBelowCurrentParameters(passwordHash) ? PasswordCheck.SucceededNeedsUpgrade : PasswordCheck.Succeeded;
    }

    private static PasswordCheck VerifyWrapped(string password, string passwordHash)
    {
        if (!WrappedHash.TryParse(passwordHash, out var inner, out var outer))
        {
            return PasswordCheck.Failed;
        }

        byte[] innerHash;
        try
        {
            innerHash = inner.Compute(password);
        }
        // BCrypt.Net and Konscious throw these on parameters they refuse (Konscious: an empty password).
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException
            or NotSupportedException or AggregateException or BCrypt.Net.SaltParseException)
        {
            return PasswordCheck.Failed;
        }

        try
        {
            if (!VerifyArgon2idOf(innerHash, outer))
            {
                return PasswordCheck.Failed;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(innerHash);
        }

        // Whatever the outer layer's parameters: the login replaces the wrapping with a plain current hash.
        return inner.IsBcrypt ? BcryptMatch(password) : PasswordCheck.SucceededNeedsUpgrade;
    }

    private static bool VerifyArgon2idOf(ReadOnlySpan<byte> password, string passwordHash)
    {
        try
        {
            return Argon2id.VerifyHash(passwordHash, password);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // Geralt throws on a malformed hash; to a caller that is just a wrong password.
            return false;
        }
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

    /// <summary>
    /// bcrypt is the legacy algorithm here, so a correct hash is upgraded. But bcrypt reads only 72
    /// bytes (a 72-byte password loses its NUL terminator), so a password of 72 bytes or more also
    /// matches the hash of any other with the same start: keep the hash, never store this one's.
    /// </summary>
    private static PasswordCheck BcryptMatch(string password) =>
        Encoding.UTF8.GetByteCount(password) >= BcryptKeyBytes
            ? PasswordCheck.SucceededLegacyHashKept
            : PasswordCheck.SucceededNeedsUpgrade;

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
