using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// Gives Development a signing key with no setup (made once, kept in a git-ignored file so tokens
/// survive a restart) and refuses to start anywhere else without a real one.
/// </summary>
public sealed class JwtOptionsSetup(IHostEnvironment environment)
    : IPostConfigureOptions<JwtOptions>, IValidateOptions<JwtOptions>
{
    private const string HowToSet =
        "Set Jwt:SigningKey (for instance the environment variable Jwt__SigningKey) to at least "
        + "32 random bytes in base64, e.g. the output of `openssl rand -base64 32`.";

    /// <summary>Fewer than this many different byte values in a key of 32 or more is a pattern, not chance.</summary>
    private const int MinimumDistinctBytes = 16;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public void PostConfigure(string? name, JwtOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey) && options.SigningKeys.Count == 0 && environment.IsDevelopment())
        {
            options.SigningKey = LoadOrCreateDevelopmentKey(
                name, Path.GetFullPath(options.DevelopmentKeyFile, environment.ContentRootPath));
        }
    }

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (options.SigningKeys.Count > 0)
        {
            for (var i = 0; i < options.SigningKeys.Count; i++)
            {
                var signingKey = options.SigningKeys[i];
                if (string.IsNullOrWhiteSpace(signingKey.Id))
                {
                    return ValidateOptionsResult.Fail($"Jwt:SigningKeys:{i}:Id is missing: every key needs an id (its kid).");
                }

                if (CheckKey($"Jwt:SigningKeys:{i}:Key", signingKey.Key) is { } keyProblem)
                {
                    return ValidateOptionsResult.Fail(keyProblem);
                }
            }

            if (options.SigningKeys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != options.SigningKeys.Count)
            {
                return ValidateOptionsResult.Fail("Jwt:SigningKeys has two keys with the same Id.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return ValidateOptionsResult.Fail($"No JWT signing key is configured. {HowToSet}");
        }
        else if (CheckKey("Jwt:SigningKey", options.SigningKey) is { } keyProblem)
        {
            return ValidateOptionsResult.Fail(keyProblem);
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Jwt:AccessTokenLifetime must be positive and Jwt:ClockSkew not negative.");
        }

        return ValidateOptionsResult.Success;
    }

    private string? CheckKey(string setting, string base64)
    {
        var key = DecodeKey(base64);
        if (key is null)
        {
            return $"{setting} is not valid base64. {HowToSet}";
        }

        if (key.Length < JwtOptions.MinimumKeyBytes)
        {
            return $"{setting} has {key.Length * 8} bits; HS256 needs at least 256. {HowToSet}";
        }

        // 32 random bytes have about 30 different values; a typed-in or placeholder key (all
        // zeros, "AAAA...", a repeated pattern) has a few. Development may use what it is given.
        var distinct = key.Distinct().Count();
        return distinct < MinimumDistinctBytes && !environment.IsDevelopment()
            ? $"{setting} is not random: its {key.Length} bytes have only {distinct} different values. {HowToSet}"
            : null;
    }

    public static byte[]? DecodeKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? buffer[..written] : null;
    }

    private static string LoadOrCreateDevelopmentKey(string? name, string path)
    {
        if (File.Exists(path))
        {
            // Before reading or writing: a file made by someone else, or by an older version of
            // this code, may be readable by others, and UnixCreateMode below only applies to a new file.
            RestrictToOwner(name, path);
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes));
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
        // Created readable by its owner only, never briefly readable by others.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var file = new FileStream(path, options);
        using var writer = new StreamWriter(file);
        writer.WriteLine(key);

        return key;
    }

    private static void RestrictToOwner(string? name, string path)
    {
        if (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & ~OwnerOnly) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(JwtOptions), [
                $"The development signing key file {path} can be read by other users and its mode "
                + $"could not be set to 0600 ({e.Message}). Make the user this service runs as its "
                + "owner, or delete it to have a new one made.",
            ]);
        }
    }
}
