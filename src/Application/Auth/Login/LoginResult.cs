using FastApiLearning.Application.Auth.Sessions;

namespace FastApiLearning.Application.Auth.Login;

/// <summary>What a login comes to. Every failure is a value; only the endpoint picks a status.</summary>
public abstract record LoginResult
{
    public const string IncorrectCredentialsMessage = "Incorrect username or password";
    public const string ClientAuthenticationFailedMessage = "Client authentication failed";

    private LoginResult()
    {
    }

    /// <summary>Wrong password and unknown user alike: nobody learns which it was.</summary>
    public static LoginResult InvalidCredentials { get; } = new Failed();

    /// <summary>The access token, and the refresh token of the session's new family.</summary>
    public sealed record Succeeded(IssuedTokens Tokens) : LoginResult
    {
        public AccessToken Token => Tokens.Access;
    }

    /// <summary>A registered client that did not prove itself (RFC 6749 §5.2 <c>invalid_client</c>): nothing else was checked.</summary>
    public static LoginResult ClientRefused { get; } = new InvalidClient();

    public sealed record InvalidClient : LoginResult
    {
        public string Message => ClientAuthenticationFailedMessage;
    }

    public sealed record Failed : LoginResult
    {
        public string Message => IncorrectCredentialsMessage;
    }

    /// <summary>
    /// The password was right, but the employee holds none of the scopes the request asked for: no token.
    /// (Asking for more than is held is narrowed silently, RFC 6749 §3.3; only nothing at all is refused.)
    /// </summary>
    public sealed record ScopeRefused : LoginResult
    {
        public string Message => "None of the requested scopes is granted to this user";
    }

    /// <summary>Too many failures for this username or client: refused without checking the password.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : LoginResult
    {
        public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

        public string Message => RetryAfterSeconds == 1
            ? "Too many attempts, try again in 1 second"
            : $"Too many attempts, try again in {RetryAfterSeconds} seconds";
    }
}
