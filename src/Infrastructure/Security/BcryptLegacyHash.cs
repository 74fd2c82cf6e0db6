using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// bcrypt (<c>$2a$</c>, <c>$2b$</c>, <c>$2y$</c>) as an inner layer. Its descriptor is the hash without
/// its last 31 characters (<c>2b$12$</c> and the 22-character salt); its output is the whole
/// 60-character hash string, as ASCII.
/// </summary>
internal sealed partial class BcryptLegacyHash : LegacyHash
{
    /// <summary>What BCrypt.Net takes as the salt: <c>$2b$12$</c> and the 22-character salt.</summary>
    private readonly string _settings;

    private BcryptLegacyHash(string settings) => _settings = settings;

    public override string Descriptor => _settings[1..];

    public override bool IsBcrypt => true;

    /// <summary>A stored bcrypt hash, and the bytes the outer layer is computed over.</summary>
    public static bool TryParseStored(
        string storedHash,
        [NotNullWhen(true)] out BcryptLegacyHash? hash,
        [NotNullWhen(true)] out byte[]? output)
    {
        var match = StoredPattern().Match(storedHash);
        if (!match.Success || !IsSupportedCost(match.Groups["cost"].ValueSpan))
        {
            (hash, output) = (null, null);
            return false;
        }

        hash = new BcryptLegacyHash("$" + match.Groups["settings"].Value);
        output = Encoding.ASCII.GetBytes(storedHash);
        return true;
    }

    /// <summary>A descriptor at the start of <paramref name="text"/>; <paramref name="length"/> is its length.</summary>
    public static bool TryParseDescriptor(string text, [NotNullWhen(true)] out BcryptLegacyHash? hash, out int length)
    {
        var match = DescriptorPattern().Match(text);
        if (!match.Success || !IsSupportedCost(match.Groups["cost"].ValueSpan))
        {
            (hash, length) = (null, 0);
            return false;
        }

        hash = new BcryptLegacyHash("$" + match.Value);
        length = match.Length;
        return true;
    }

    public override byte[] Compute(string password) =>
        Encoding.ASCII.GetBytes(BCrypt.Net.BCrypt.HashPassword(password, _settings));

    // bcrypt's own bounds: 2^4 to 2^31 rounds.
    private static bool IsSupportedCost(ReadOnlySpan<char> cost) => int.Parse(cost, CultureInfo.InvariantCulture) is >= 4 and <= 31;

    [GeneratedRegex(@"^\$(?<settings>2[aby]\$(?<cost>\d\d)\$[./A-Za-z0-9]{22})[./A-Za-z0-9]{31}$")]
    private static partial Regex StoredPattern();

    [GeneratedRegex(@"^2[aby]\$(?<cost>\d\d)\$[./A-Za-z0-9]{22}")]
    private static partial Regex DescriptorPattern();
}
