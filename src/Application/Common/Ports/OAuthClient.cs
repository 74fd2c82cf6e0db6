namespace FastApiLearning.Application.Common.Ports;

/// <summary>A registered OAuth2 client (RFC 6749 §2).</summary>
/// <param name="IsConfidential">It has a secret and must authenticate with it (RFC 6749 §2.1).</param>
/// <param name="RedirectUris">Compared exactly, as strings (RFC 9700 §4.1.3).</param>
/// <param name="AllowedScopes">What it may ask for on an employee's behalf.</param>
/// <param name="FirstParty">Ours: no consent page.</param>
public sealed record OAuthClient(
    string ClientId,
    string DisplayName,
    bool IsConfidential,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> AllowedScopes,
    bool FirstParty);
