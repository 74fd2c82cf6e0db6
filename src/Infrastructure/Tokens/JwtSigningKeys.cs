using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// The keys tokens are signed with and checked against, built once at start from
/// <see cref="JwtOptions"/> (rotating keys means changing the configuration and restarting).
/// </summary>
public sealed class JwtSigningKeys
{
    private readonly Dictionary<SecurityKey, string> _algorithmOf;

    public JwtSigningKeys(IOptions<JwtOptions> options)
    {
        var settings = options.Value;
        // Each key with the one algorithm it signs with: ES256 for an EC key, HS256 for a shared secret.
        SigningCredentials[] keys = settings.SigningKeys.Count > 0
            ? [.. settings.SigningKeys.Select((entry, i) => Load(entry, i))]
            : [SigningKeyLoader.Hs256(Decode(settings.SigningKey ?? ""), id: null)];
        SigningCredentials = keys[0];
        // Arrays: JwtBearer copies both into the validation parameters it clones for every request.
        ValidationKeys = keys.Select(k => k.Key).ToArray();
        ValidationAlgorithms = keys.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal).ToArray();
        _algorithmOf = keys.ToDictionary<SigningCredentials, SecurityKey, string>(k => k.Key, k => k.Algorithm, ReferenceEqualityComparer.Instance);
        // Only public keys: a shared secret is never published, it would let anyone mint tokens.
        PublishedKeys = [.. keys.Where(k => k.Key is ECDsaSecurityKey).Select(k => PublishedKey.From((ECDsaSecurityKey)k.Key, k.Algorithm))];
    }

    public SigningCredentials SigningCredentials { get; }

    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    /// <summary>The algorithms of <see cref="ValidationKeys"/>: a token signed with any other is refused.</summary>
    public IReadOnlyList<string> ValidationAlgorithms { get; }

    /// <summary>The public keys of <see cref="ValidationKeys"/>, for <c>/.well-known/jwks.json</c>.</summary>
    public IReadOnlyList<PublishedKey> PublishedKeys { get; }

    /// <summary>
    /// Whether <paramref name="key"/> is one of these keys and signs with <paramref name="algorithm"/>:
    /// an HS256 header on a token whose kid names an EC key (or the reverse) is refused whatever else
    /// is configured.
    /// </summary>
    public bool Accepts(string algorithm, SecurityKey key) =>
        _algorithmOf.TryGetValue(key, out var own) && string.Equals(own, algorithm, StringComparison.Ordinal);

    private static SigningCredentials Load(SigningKeyOptions entry, int index) =>
        SigningKeyLoader.TryLoad(entry, $"Jwt:SigningKeys:{index}", signs: index == 0, out var credentials, out var problem)
            ? credentials
            : throw new InvalidOperationException($"The JWT signing keys were not validated: {problem}");

    private static byte[] Decode(string base64) =>
        JwtOptionsSetup.DecodeKey(base64) ?? throw new InvalidOperationException("The JWT signing keys were not validated.");
}
