using Mediator;

namespace FastApiLearning.Application.Auth.Logout;

/// <summary>Ends a session: the token with this <c>jti</c> is refused from now until it expires.</summary>
/// <param name="Username">The token's email, for the security log.</param>
/// <param name="ClientIp">For the security log.</param>
public sealed record LogoutCommand(string TokenId, DateTimeOffset ExpiresAt, string? Username = null, string? ClientIp = null) : ICommand;
