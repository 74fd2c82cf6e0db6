namespace FastApiLearning.Application.Auth.RevokeToken;

/// <summary>What a revocation request comes to: done (whatever the token was), the client refused, or the token another client's.</summary>
public abstract record RevokeTokenResult
{
    public const string OtherClientsTokenMessage = "The token was not issued to this client";

    private RevokeTokenResult()
    {
    }

    /// <summary>The token is refused from now on, or was never one of ours: the same answer (RFC 7009 §2.2).</summary>
    public static RevokeTokenResult Done { get; } = new Revoked();

    public static RevokeTokenResult ClientRefused { get; } = new InvalidClient();

    public static RevokeTokenResult TokenRefused { get; } = new OtherClientsToken();

    public sealed record Revoked : RevokeTokenResult;

    /// <summary>A registered client that did not prove itself (<c>invalid_client</c>).</summary>
    public sealed record InvalidClient : RevokeTokenResult
    {
        public string Message => Login.LoginResult.ClientAuthenticationFailedMessage;
    }

    /// <summary>
    /// A token of ours issued to another client (RFC 7009 §2.1): the request is refused. An access token is left
    /// alone; a refresh token's session has ended (it leaked), as <c>/token</c> ends it.
    /// </summary>
    public sealed record OtherClientsToken : RevokeTokenResult
    {
        public string Message => OtherClientsTokenMessage;
    }
}
