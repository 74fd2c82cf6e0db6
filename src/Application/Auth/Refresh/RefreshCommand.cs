using FastApiLearning.Application.Auth.Clients;
using Mediator;

namespace FastApiLearning.Application.Auth.Refresh;

/// <summary>
/// A session continued with its refresh token (what OAuth2's refresh_token grant carries, RFC 6749 §6): a new
/// access token, and the token's successor in its family.
/// </summary>
/// <param name="RefreshToken">The token as sent; missing arrives as an empty string.</param>
/// <param name="Scope">Space-separated names to narrow the access token to; null or blank keeps the family's.</param>
/// <param name="Client">The client credentials the request carried (none: anonymous).</param>
/// <param name="ClientIp">For throttling guesses and the security log.</param>
/// <param name="BrowserSession">
/// The service's own browser session refreshing itself from its cookie (the web layer only): the one client whose
/// parallel requests may present a token just rotated (<see cref="Sessions.RefreshTokenLifetimes.BrowserGrace"/>).
/// </param>
public sealed record RefreshCommand(
    string RefreshToken,
    string? Scope = null,
    ClientCredentials? Client = null,
    string? ClientIp = null,
    bool BrowserSession = false) : ICommand<RefreshResult>
{
    /// <summary>Ours are 43 characters; a little room, and nothing like a body's worth.</summary>
    public const int MaxRefreshTokenLength = 512;

    // Never let a refresh token reach a log line through the record's generated ToString.
    public override string ToString() =>
        $"RefreshCommand {{ Scope = {Scope}, ClientId = {Client?.ClientId}, ClientIp = {ClientIp}, BrowserSession = {BrowserSession} }}";
}
