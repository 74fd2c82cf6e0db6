using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// Argon2id weaker than today's (argon2-cffi's and the like) as an inner layer. Its descriptor is
/// the PHC string without its hash, and with the hash's length in bytes as one more parameter
/// (<c>argon2id$v=19$m=4096,t=1,p=4,l=32$&lt;salt&gt;</c>); its output is the raw hash.
/// </summary>
/// <remarks>
/// libsodium (Geralt) verifies PHC strings of any lane count but derives raw hashes with one lane
/// and a 16-byte salt only; anything else (argon2-cffi's default is p=4) is derived by Konscious'
/// managed Argon2, several times slower, which only makes such a login cost more, never less.
/// </remarks>
internal sealed partial class Argon2LegacyHash : LegacyHash
{
    // What is wrapped: the ranges legacy hashes are found in; anything else stays as it is.
    private const int MinSaltBytes = 8;
    private const int MaxSaltBytes = 64;
    private const int MinHashBytes = 16;
    private const int MaxHashBytes = 64;
    private const int MaxMemoryKiB = 1024 * 1024;
    private const int MaxLanes = 255;

    private readonly int _memoryKiB;
    private readonly int _iterations;
    private readonly int _lanes;
    private readonly string _saltText;
    private readonly byte[] _salt;
    private readonly int _hashBytes;

    private Argon2LegacyHash(int memoryKiB, int iterations, int lanes, string saltText, byte[] salt, int hashBytes)
    {
        (_memoryKiB, _iterations, _lanes) = (memoryKiB, iterations, lanes);
        (_saltText, _salt, _hashBytes) = (saltText, salt, hashBytes);
    }

    public override string Descriptor => string.Create(
        CultureInfo.InvariantCulture, $"argon2id$v=19$m={_memoryKiB},t={_iterations},p={_lanes},l={_hashBytes}${_saltText}");

    public override bool IsBcrypt => false;

    /// <summary>A stored Argon2id PHC string (version 19), and its raw hash, the bytes the outer layer is computed over.</summary>
    public static bool TryParseStored(
        string storedHash,
        [NotNullWhen(true)] out Argon2LegacyHash? hash,
        [NotNullWhen(true)] out byte[]? output)
    {
        output = null;
        var match = StoredPattern().Match(storedHash);
        if (!match.Success
            || !TryDecode(match.Groups["hash"].Value, out var raw)
            || raw.Length is < MinHashBytes or > MaxHashBytes
            || !TryCreate(match, raw.Length, out hash))
        {
            hash = null;
            return false;
        }

        output = raw;
        return true;
    }

    /// <summary>A descriptor at the start of <paramref name="text"/>; <paramref name="length"/> is its length.</summary>
    public static bool TryParseDescriptor(string text, [NotNullWhen(true)] out Argon2LegacyHash? hash, out int length)
    {
        (hash, length) = (null, 0);
        var match = DescriptorPattern().Match(text);
        if (!match.Success
            || !int.TryParse(match.Groups["l"].ValueSpan, CultureInfo.InvariantCulture, out var hashBytes)
            || hashBytes is < MinHashBytes or > MaxHashBytes
            || !TryCreate(match, hashBytes, out hash))
        {
            return false;
        }

        length = match.Length;
        return true;
    }

    public override byte[] Compute(string password)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        try
        {
            var output = new byte[_hashBytes];
            if (_lanes == 1 && _salt.Length == Geralt.Argon2id.SaltSize && _hashBytes >= Geralt.Argon2id.MinKeySize)
            {
                Geralt.Argon2id.DeriveKey(output, passwordBytes, _salt, _iterations, _memoryKiB * 1024);
                return output;
            }

            // Runs each lane as a task on the thread pool while the gate's thread waits for them.
            using var argon2 = new Konscious.Security.Cryptography.Argon2id(passwordBytes)
            {
                Salt = _salt,
                MemorySize = _memoryKiB,
                Iterations = _iterations,
                DegreeOfParallelism = _lanes,
            };
            return argon2.GetBytes(_hashBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    private static bool TryCreate(Match match, int hashBytes, [NotNullWhen(true)] out Argon2LegacyHash? hash)
    {
        hash = null;
        var saltText = match.Groups["salt"].Value;
        if (!int.TryParse(match.Groups["m"].ValueSpan, CultureInfo.InvariantCulture, out var memoryKiB)
            || !int.TryParse(match.Groups["t"].ValueSpan, CultureInfo.InvariantCulture, out var iterations)
            || !int.TryParse(match.Groups["p"].ValueSpan, CultureInfo.InvariantCulture, out var lanes)
            || lanes is < 1 or > MaxLanes
            || iterations < 1
            // Argon2 needs 8 KiB per lane at least.
            || memoryKiB < 8 * lanes || memoryKiB > MaxMemoryKiB
            || !TryDecode(saltText, out var salt)
            || salt.Length is < MinSaltBytes or > MaxSaltBytes)
        {
            return false;
        }

        hash = new Argon2LegacyHash(memoryKiB, iterations, lanes, saltText, salt, hashBytes);
        return true;
    }

    /// <summary>PHC's base64: the standard alphabet without padding, in its one canonical spelling.</summary>
    private static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        var padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        bytes = new byte[text.Length * 3 / 4];
        if (text.Length % 4 == 1
            || !Convert.TryFromBase64String(padded, bytes, out var written)
            || Convert.ToBase64String(bytes, 0, written).TrimEnd('=') != text)
        {
            bytes = null;
            return false;
        }

        bytes = bytes[..written];
        return true;
    }

    [GeneratedRegex(@"^\$argon2id\$v=19\$m=(?<m>\d{1,9}),t=(?<t>\d{1,9}),p=(?<p>\d{1,3})\$(?<salt>[A-Za-z0-9+/]{1,128})\$(?<hash>[A-Za-z0-9+/]{1,128})$")]
    private static partial Regex StoredPattern();

    [GeneratedRegex(@"^argon2id\$v=19\$m=(?<m>\d{1,9}),t=(?<t>\d{1,9}),p=(?<p>\d{1,3}),l=(?<l>\d{1,3})\$(?<salt>[A-Za-z0-9+/]{1,128})(?=\$)")]
    private static partial Regex DescriptorPattern();
}
