using FastApiLearning.Application.Auth.Sessions;

namespace FastApiLearning.Application.Auth.Refresh;

/// <summary>What a refresh comes to. Every failure is a value; only the endpoint picks a status.</summary>
public abstract record RefreshResult
{
    /// <summary>One text for every refused token: which check failed is the security log's business, not the caller's.</summary>
    public const string InvalidTokenMessage = "The refresh token is invalid, expired or revoked";

    private RefreshResult()
    {
    }

    public static RefreshResult InvalidToken { get; } = new Refused();

    public static RefreshResult ClientRefused { get; } = new InvalidClient();

    /// <summary>Rotated: a new access token and the used token's successor.</summary>
    public sealed record Succeeded(IssuedTokens Tokens) : RefreshResult;

    /// <summary>
    /// The browser session's parallel request, within the grace after another of its requests rotated the token:
    /// a new access token only; the successor went to that other request, and the family is untouched.
    /// </summary>
    public sealed record Reissued(AccessToken Access) : RefreshResult;

    /// <summary>RFC 6749 §5.2 <c>invalid_grant</c>: unknown, expired, reused, revoked, another client's, or its employee's tokens void.</summary>
    public sealed record Refused : RefreshResult
    {
        public string Message => InvalidTokenMessage;
    }

    /// <summary>A registered client that did not prove itself (<c>invalid_client</c>).</summary>
    public sealed record InvalidClient : RefreshResult
    {
        public string Message => Login.LoginResult.ClientAuthenticationFailedMessage;
    }

    /// <summary>A scope beyond the family's, or none of the asked ones still held (<c>invalid_scope</c>).</summary>
    public sealed record ScopeRefused(string Message) : RefreshResult;

    /// <summary>Too many unknown tokens from this client address: refused without looking.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : RefreshResult
    {
        public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

        public string Message => RetryAfterSeconds == 1
            ? "Too many attempts, try again in 1 second"
            : $"Too many attempts, try again in {RetryAfterSeconds} seconds";
    }
}
