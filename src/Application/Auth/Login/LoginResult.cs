namespace FastApiLearning.Application.Auth.Login;

/// <summary>What a login comes to. Every failure is a value; only the endpoint picks a status.</summary>
public abstract record LoginResult
{
    public const string IncorrectCredentialsMessage = "Incorrect username or password";

    private LoginResult()
    {
    }

    /// <summary>Wrong password and unknown user alike: nobody learns which it was.</summary>
    public static LoginResult InvalidCredentials { get; } = new Failed();

    public sealed record Succeeded(AccessToken Token) : LoginResult;

    public sealed record Failed : LoginResult
    {
        public string Message => IncorrectCredentialsMessage;
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
