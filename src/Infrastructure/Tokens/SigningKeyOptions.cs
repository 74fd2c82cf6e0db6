namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>One entry of <c>Jwt:SigningKeys</c>.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>
    /// The key id, written into each token's header as <c>kid</c>. Unset, one is derived from the key
    /// (ES256: its RFC 7638 thumbprint; HS256: the start of the secret's SHA-256, as for <c>Jwt:SigningKey</c>).
    /// </summary>
    public string? Id { get; set; }

    /// <summary>
    /// <see cref="SigningAlgorithms.Es256"/> or <see cref="SigningAlgorithms.Hs256"/>. Unset, an entry
    /// with a <see cref="Key"/> is HS256 (as entries were before ES256 came) and any other ES256.
    /// </summary>
    public string? Algorithm { get; set; }

    /// <summary><see cref="Algorithm"/> as a JWA name, or what it is when unset.</summary>
    public string EffectiveAlgorithm => string.IsNullOrWhiteSpace(Algorithm)
        ? (Key is null ? SigningAlgorithms.Es256 : SigningAlgorithms.Hs256)
        : Algorithm.Trim().ToUpperInvariant();

    /// <summary>HS256: the secret, base64, at least <see cref="JwtOptions.MinimumKeyBytes"/> random bytes.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// ES256: the P-256 private key as PEM (<c>PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>). A key that
    /// only verifies (not the first) may be its <c>PUBLIC KEY</c>.
    /// </summary>
    public string? Pem { get; set; }

    /// <summary>ES256: a file holding what <see cref="Pem"/> would, relative to the content root.</summary>
    public string? PemFile { get; set; }
}
