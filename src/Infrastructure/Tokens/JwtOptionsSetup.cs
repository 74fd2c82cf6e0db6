using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// Gives Development a signing key with no setup (an ES256 key made once, kept in a git-ignored file
/// so tokens survive a restart), takes the issuer from the public origin, and refuses to start
/// anywhere else without a real key and an issuer, saying what to set.
/// </summary>
public sealed class JwtOptionsSetup(IHostEnvironment environment, IConfiguration configuration)
    : IPostConfigureOptions<JwtOptions>, IValidateOptions<JwtOptions>
{
    private const string HowToSet =
        "Set Jwt:SigningKeys:0:PemFile (a path) or Jwt:SigningKeys:0:Pem (for instance the environment variable "
        + "Jwt__SigningKeys__0__Pem) to an EC P-256 private key in PEM, made with "
        + SigningKeyLoader.HowToMakeEs256Key + ". For HS256 instead, set Jwt:SigningKey to at least "
        + "32 random bytes in base64, e.g. the output of `openssl rand -base64 32`.";

    private const string HowToSetHs256 =
        "Set Jwt:SigningKey (for instance the environment variable Jwt__SigningKey) to at least "
        + "32 random bytes in base64, e.g. the output of `openssl rand -base64 32`.";

    private const string HowToSetIssuer =
        "Set App:PublicOrigin (for instance the environment variable App__PublicOrigin) to the origin clients "
        + "reach this service at, such as https://login.example.com; the tokens' iss is that URL, or Jwt:Issuer when set.";

    /// <summary>Fewer than this many different byte values in a key of 32 or more is a pattern, not chance.</summary>
    private const int MinimumDistinctBytes = 16;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public void PostConfigure(string? name, JwtOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            options.Issuer = configuration[JwtOptions.PublicOriginSetting];
        }

        // The issuer is compared as a string (RFC 8414 §3.3): https://login.example.com/ and
        // https://login.example.com must not be two issuers.
        options.Issuer = options.Issuer?.Trim().TrimEnd('/');

        foreach (var entry in options.SigningKeys)
        {
            entry.Algorithm = entry.EffectiveAlgorithm;
            if (!string.IsNullOrWhiteSpace(entry.PemFile))
            {
                entry.PemFile = Path.GetFullPath(entry.PemFile.Trim(), environment.ContentRootPath);
            }
        }

        if (string.IsNullOrWhiteSpace(options.SigningKey) && options.SigningKeys.Count == 0 && environment.IsDevelopment())
        {
            options.SigningKeys.Add(new SigningKeyOptions
            {
                Algorithm = SigningAlgorithms.Es256,
                PemFile = LoadOrCreateDevelopmentKey(name, Path.GetFullPath(options.DevelopmentKeyFile, environment.ContentRootPath)),
            });
        }
    }

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (CheckIssuer(options.Issuer) is { } issuerProblem)
        {
            return ValidateOptionsResult.Fail(issuerProblem);
        }

        if (options.SigningKeys.Count > 0)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < options.SigningKeys.Count; i++)
            {
                if (CheckEntry(options.SigningKeys[i], $"Jwt:SigningKeys:{i}", i == 0, out var keyId) is { } keyProblem)
                {
                    return ValidateOptionsResult.Fail(keyProblem);
                }

                if (!ids.Add(keyId))
                {
                    return ValidateOptionsResult.Fail($"Jwt:SigningKeys has two keys with the id (kid) {keyId}.");
                }
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

    private static string? CheckIssuer(string? issuer)
    {
        if (string.IsNullOrWhiteSpace(issuer))
        {
            return $"No token issuer is configured. {HowToSetIssuer}";
        }

        return Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? null
            : $"The token issuer '{issuer}' is not a URL such as https://login.example.com (http or https, no query or fragment). {HowToSetIssuer}";
    }

    private string? CheckEntry(SigningKeyOptions entry, string setting, bool signs, out string keyId)
    {
        keyId = "";
        var hasPem = !string.IsNullOrWhiteSpace(entry.Pem) || !string.IsNullOrWhiteSpace(entry.PemFile);
        switch (entry.EffectiveAlgorithm)
        {
            case SigningAlgorithms.Hs256 when hasPem:
                return $"{setting} is an HS256 key: it takes Key (a base64 secret), not Pem or PemFile.";
            case SigningAlgorithms.Hs256:
                if (CheckKey($"{setting}:Key", entry.Key ?? "") is { } secretProblem)
                {
                    return secretProblem;
                }

                break;
            case SigningAlgorithms.Es256 when !string.IsNullOrWhiteSpace(entry.Key):
                return $"{setting} is an ES256 key: it takes Pem or PemFile, not Key (which is for Algorithm HS256). {HowToSet}";
            case SigningAlgorithms.Es256:
                break;
            default:
                return $"{setting}:Algorithm is '{entry.Algorithm}'; it is ES256 (the default) or HS256.";
        }

        if (!SigningKeyLoader.TryLoad(entry, setting, signs, out var credentials, out var problem))
        {
            return problem;
        }

        keyId = credentials.Key.KeyId;
        (credentials.Key as ECDsaSecurityKey)?.ECDsa.Dispose();
        return null;
    }

    private string? CheckKey(string setting, string base64)
    {
        var key = DecodeKey(base64);
        if (key is null)
        {
            return $"{setting} is not valid base64. {HowToSetHs256}";
        }

        if (key.Length < JwtOptions.MinimumKeyBytes)
        {
            return $"{setting} has {key.Length * 8} bits; HS256 needs at least 256. {HowToSetHs256}";
        }

        // 32 random bytes have about 30 different values; a typed-in or placeholder key (all
        // zeros, "AAAA...", a repeated pattern) has a few. Development may use what it is given.
        var distinct = key.Distinct().Count();
        return distinct < MinimumDistinctBytes && !environment.IsDevelopment()
            ? $"{setting} is not random: its {key.Length} bytes have only {distinct} different values. {HowToSetHs256}"
            : null;
    }

    public static byte[]? DecodeKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>The path of the Development key file, made with a new EC P-256 key if it is missing or empty.</summary>
    private static string LoadOrCreateDevelopmentKey(string? name, string path)
    {
        if (File.Exists(path))
        {
            // Before reading or writing: a file made by someone else, or by an older version of
            // this code, may be readable by others, and UnixCreateMode below only applies to a new file.
            RestrictToOwner(name, path);
            if (File.ReadAllText(path).Trim().Length > 0)
            {
                return path;
            }
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = ecdsa.ExportPkcs8PrivateKeyPem();
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

        return path;
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
