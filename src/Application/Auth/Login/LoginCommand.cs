using FastApiLearning.Application.Auth.Clients;
using Mediator;

namespace FastApiLearning.Application.Auth.Login;

/// <summary>
/// A login with an email and a password (what OAuth2's password grant carries). Missing fields arrive
/// as empty strings; <see cref="LoginCommandValidator"/> says what is wrong with them.
/// </summary>
/// <param name="ClientIp">Where the attempt came from, for throttling and the security log.</param>
/// <param name="DeviceId">A browser's device cookie for this username, when it carries a valid one.</param>
/// <param name="Scope">
/// The form's <c>scope</c> as sent (RFC 6749 §3.3: space-separated names). Null or blank asks for every
/// scope the employee holds.
/// </param>
/// <param name="Client">The client credentials the request carried (none: anonymous).</param>
/// <param name="BrowserSession">
/// The service's own login page: the session is the browser's (<see cref="AuthenticatedClient.BrowserSession"/>),
/// whatever the form says of a client. Set by the web layer only.
/// </param>
public sealed record LoginCommand(
    string Username,
    string Password,
    string? ClientIp = null,
    string? DeviceId = null,
    string? Scope = null,
    ClientCredentials? Client = null,
    bool BrowserSession = false) : ICommand<LoginResult>
{
    // Never let a password reach a log line through the record's generated ToString.
    public override string ToString() =>
        $"LoginCommand {{ Username = {Username}, ClientIp = {ClientIp}, Scope = {Scope}, ClientId = {Client?.ClientId}, BrowserSession = {BrowserSession} }}";
}
