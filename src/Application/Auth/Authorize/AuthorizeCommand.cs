using Mediator;

namespace FastApiLearning.Application.Auth.Authorize;

/// <summary>
/// A client asks for an authorization code on an employee's behalf (OAuth2's authorization request).
/// Missing parameters arrive as empty strings; <see cref="AuthorizeCommandValidator"/> says what is wrong.
/// </summary>
/// <param name="Scope">As sent: space-separated names; null or blank asks for what the client may have.</param>
/// <param name="EmpNo">The employee of the browser's session, or null when there is none.</param>
/// <param name="Repeated">Parameters the request carried more than once (each must come once).</param>
/// <param name="SessionIssuedAt">When the session's token was issued (its <c>iat_ms</c>): a cutoff written since voids the code.</param>
public sealed record AuthorizeCommand(
    string ClientId,
    string RedirectUri,
    string ResponseType,
    string? Scope,
    string CodeChallenge,
    string CodeChallengeMethod,
    int? EmpNo,
    ConsentDecision Consent = ConsentDecision.NotAsked,
    IReadOnlyList<string>? Repeated = null,
    DateTimeOffset? SessionIssuedAt = null) : ICommand<AuthorizeResult>
{
    /// <summary>The only response type there is: a code.</summary>
    public const string CodeResponse = "code";
}
