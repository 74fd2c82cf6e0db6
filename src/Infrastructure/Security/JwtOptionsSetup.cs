using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Security;

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

    public void PostConfigure(string? name, JwtOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey) && environment.IsDevelopment())
        {
            options.SigningKey = LoadOrCreateDevelopmentKey(
                Path.GetFullPath(options.DevelopmentKeyFile, environment.ContentRootPath));
        }
    }

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return ValidateOptionsResult.Fail($"No JWT signing key is configured. {HowToSet}");
        }

        var key = DecodeKey(options.SigningKey);
        if (key is null)
        {
            return ValidateOptionsResult.Fail($"Jwt:SigningKey is not valid base64. {HowToSet}");
        }

        if (key.Length < JwtOptions.MinimumKeyBytes)
        {
            return ValidateOptionsResult.Fail(
                $"Jwt:SigningKey has {key.Length * 8} bits; HS256 needs at least 256. {HowToSet}");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Jwt:AccessTokenLifetime must be positive and Jwt:ClockSkew not negative.");
        }

        return ValidateOptionsResult.Success;
    }

    public static byte[]? DecodeKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? buffer[..written] : null;
    }

    private static string LoadOrCreateDevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
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
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        using var writer = new StreamWriter(file);
        writer.WriteLine(key);

        return key;
    }
}
