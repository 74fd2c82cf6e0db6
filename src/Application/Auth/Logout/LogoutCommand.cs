using Mediator;

namespace FastApiLearning.Application.Auth.Logout;

/// <summary>Ends a session: the token with this <c>jti</c> is refused from now until it expires.</summary>
public sealed record LogoutCommand(string TokenId, DateTimeOffset ExpiresAt) : ICommand;
