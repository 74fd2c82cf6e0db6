using Mediator;

namespace FastApiLearning.Application.Auth.Logout;

/// <summary>
/// Ends a session: the token with this <c>jti</c> is refused from now until it expires, and the session's
/// refresh-token family with it. With <paramref name="Everywhere"/>, every token the employee holds is refused,
/// on every instance, and every family of theirs refreshes no more.
/// </summary>
/// <param name="Username">The token's email, for the security log.</param>
/// <param name="ClientIp">For the security log.</param>
/// <param name="EmpNo">The token's subject: whose tokens "everywhere" means.</param>
/// <param name="SessionId">The token's <c>sid</c>: its refresh-token family, when it was issued within one.</param>
/// <param name="RefreshToken">The browser session's refresh cookie, whose family ends too (it may be newer than the access cookie's).</param>
public sealed record LogoutCommand(
    string TokenId,
    DateTimeOffset ExpiresAt,
    string? Username = null,
    string? ClientIp = null,
    int? EmpNo = null,
    bool Everywhere = false,
    string? SessionId = null,
    string? RefreshToken = null) : ICommand
{
    // Never let a refresh token reach a log line through the record's generated ToString.
    public override string ToString() =>
        $"LogoutCommand {{ TokenId = {TokenId}, Username = {Username}, ClientIp = {ClientIp}, EmpNo = {EmpNo}, Everywhere = {Everywhere}, SessionId = {SessionId} }}";
}
