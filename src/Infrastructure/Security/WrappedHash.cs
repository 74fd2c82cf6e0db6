using System.Diagnostics.CodeAnalysis;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>
/// Reads and writes wrapped legacy hashes: <c>$fal-wrap$</c>, the inner layer's descriptor
/// (<see cref="LegacyHash.Descriptor"/>), then the outer Argon2id PHC string. The format is described
/// on <see cref="PasswordHasher"/>.
/// </summary>
internal static class WrappedHash
{
    public const string Prefix = "$fal-wrap$";

    private const string OuterPrefix = "$argon2id$";

    public static string Format(LegacyHash inner, string outer) => Prefix + inner.Descriptor + outer;

    public static bool TryParse(string passwordHash, [NotNullWhen(true)] out LegacyHash? inner, [NotNullWhen(true)] out string? outer)
    {
        (inner, outer) = (null, null);
        if (!passwordHash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = passwordHash[Prefix.Length..];
        int length;
        if (BcryptLegacyHash.TryParseDescriptor(rest, out var bcrypt, out length))
        {
            inner = bcrypt;
        }
        else if (Argon2LegacyHash.TryParseDescriptor(rest, out var argon2, out length))
        {
            inner = argon2;
        }
        else
        {
            return false;
        }

        outer = rest[length..];
        if (!outer.StartsWith(OuterPrefix, StringComparison.Ordinal))
        {
            (inner, outer) = (null, null);
            return false;
        }

        return true;
    }
}
