using System.ComponentModel.DataAnnotations;
using FastApiLearning.Application.Auth.Sessions;

namespace FastApiLearning.Infrastructure.Tokens;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinimumKeyBytes = 32;

    /// <summary>The setting <see cref="Issuer"/> defaults to: the service's public origin.</summary>
    public const string PublicOriginSetting = "App:PublicOrigin";

    /// <summary>
    /// The <c>iss</c> of every token and the metadata's <c>issuer</c>: a URL, the service's public
    /// origin (RFC 8414 §2). Unset, it is <see cref="PublicOriginSetting"/>; one of the two must be set.
    /// </summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = "FastApiLearning";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How far token lifetimes may be off between this service and a clock it trusts.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The HS256 secret, base64: at least <see cref="MinimumKeyBytes"/> random bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// For rotation: several keys, each with its <c>kid</c>. The first signs; all validate, so
    /// tokens signed by a retiring key stay good until they expire. Takes precedence over
    /// <see cref="SigningKey"/>.
    /// </summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>
    /// Development only: where an ES256 key made on first start is kept (PEM) when none is
    /// configured, relative to the content root (git ignores it).
    /// </summary>
    public string DevelopmentKeyFile { get; set; } = ".dev-signing-key.pem";

    /// <summary>A refresh token unused this long after it was issued (the last rotation) is dead.</summary>
    public TimeSpan RefreshTokenIdleLifetime { get; set; } = RefreshTokenLifetimes.Default.Idle;

    /// <summary>No rotation extends a refresh-token family past this long after its login.</summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = RefreshTokenLifetimes.Default.Absolute;

    /// <summary>How long the browser session's own parallel requests may present the token just rotated (under a minute).</summary>
    public TimeSpan RefreshTokenBrowserGrace { get; set; } = RefreshTokenLifetimes.Default.BrowserGrace;

    /// <summary>
    /// How many validated access tokens each instance remembers, so that a token sent again is not checked
    /// again (<see cref="CachingTokenHandler"/>); 0 turns the cache off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ValidatedTokenCacheCapacity { get; set; } = CachingTokenHandler.DefaultCapacity;

    public RefreshTokenLifetimes ToRefreshTokenLifetimes() =>
        new(RefreshTokenIdleLifetime, RefreshTokenAbsoluteLifetime, RefreshTokenBrowserGrace);
}
