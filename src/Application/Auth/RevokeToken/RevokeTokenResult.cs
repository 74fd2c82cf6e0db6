namespace FastApiLearning.Application.Auth.RevokeToken;

/// <summary>What a revocation request comes to: done (whatever the token was), or the client refused.</summary>
public abstract record RevokeTokenResult
{
    private RevokeTokenResult()
    {
    }

    /// <summary>The token is refused from now on, or was never one of ours: the same answer (RFC 7009 §2.2).</summary>
    public static RevokeTokenResult Done { get; } = new Revoked();

    public static RevokeTokenResult ClientRefused { get; } = new InvalidClient();

    public sealed record Revoked : RevokeTokenResult;

    /// <summary>A registered client that did not prove itself (<c>invalid_client</c>).</summary>
    public sealed record InvalidClient : RevokeTokenResult
    {
        public string Message => Login.LoginResult.ClientAuthenticationFailedMessage;
    }
}
