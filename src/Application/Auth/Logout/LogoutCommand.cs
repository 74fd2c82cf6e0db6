using Mediator;

namespace FastApiLearning.Application.Auth.Logout;

/// <summary>
/// Ends a session: the token with this <c>jti</c> is refused from now until it expires. With
/// <paramref name="Everywhere"/>, every token the employee holds is refused, on every instance.
/// </summary>
/// <param name="Username">The token's email, for the security log.</param>
/// <param name="ClientIp">For the security log.</param>
/// <param name="EmpNo">The token's subject: whose tokens "everywhere" means.</param>
public sealed record LogoutCommand(
    string TokenId,
    DateTimeOffset ExpiresAt,
    string? Username = null,
    string? ClientIp = null,
    int? EmpNo = null,
    bool Everywhere = false) : ICommand;
