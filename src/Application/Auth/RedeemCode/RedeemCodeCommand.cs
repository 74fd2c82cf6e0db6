using FastApiLearning.Application.Auth.Clients;
using Mediator;

namespace FastApiLearning.Application.Auth.RedeemCode;

/// <summary>
/// A client exchanges an authorization code for tokens (RFC 6749 §4.1.3, RFC 7636 §4.5). Missing fields
/// arrive as empty strings or null; <see cref="RedeemCodeCommandValidator"/> says what is wrong with them.
/// </summary>
/// <param name="Client">The client credentials the request carried (Basic auth or the form); none: the client did not say.</param>
/// <param name="ClientIp">Where the request came from, for the security log.</param>
public sealed record RedeemCodeCommand(
    string Code,
    string RedirectUri,
    string? CodeVerifier,
    ClientCredentials? Client = null,
    string? ClientIp = null) : ICommand<RedeemCodeResult>
{
    // The code and the verifier are credentials (and the secret is kept out by ClientCredentials' own ToString).
    public override string ToString() => $"RedeemCodeCommand {{ ClientId = {Client?.ClientId}, RedirectUri = {RedirectUri}, ClientIp = {ClientIp} }}";
}
