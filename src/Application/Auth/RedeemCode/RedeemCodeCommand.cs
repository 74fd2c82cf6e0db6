using Mediator;

namespace FastApiLearning.Application.Auth.RedeemCode;

/// <summary>
/// A client exchanges an authorization code for tokens (RFC 6749 §4.1.3, RFC 7636 §4.5). Missing fields
/// arrive as empty strings or null; <see cref="RedeemCodeCommandValidator"/> says what is wrong with them.
/// </summary>
/// <param name="ClientId">The client as it identified itself (Basic auth or the form); empty when it did not.</param>
/// <param name="ClientSecret">A confidential client's secret; null or empty for a public client.</param>
/// <param name="ClientIp">Where the request came from, for the security log.</param>
public sealed record RedeemCodeCommand(
    string ClientId,
    string? ClientSecret,
    string Code,
    string RedirectUri,
    string? CodeVerifier,
    string? ClientIp = null) : ICommand<RedeemCodeResult>
{
    // The secret, the code and the verifier are credentials: never in a log line through the generated ToString.
    public override string ToString() => $"RedeemCodeCommand {{ ClientId = {ClientId}, RedirectUri = {RedirectUri}, ClientIp = {ClientIp} }}";
}
