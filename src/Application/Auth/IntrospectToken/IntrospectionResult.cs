namespace FastApiLearning.Application.Auth.IntrospectToken;

/// <summary>What an introspection request comes to (RFC 7662 §2.2).</summary>
public abstract record IntrospectionResult
{
    private IntrospectionResult()
    {
    }

    /// <summary>Not a token that is valid now, for whatever reason: the answer says nothing more (§2.2).</summary>
    public static IntrospectionResult Inactive { get; } = new NotActive();

    public static IntrospectionResult ClientRefused { get; } = new InvalidClient();

    public sealed record NotActive : IntrospectionResult;

    /// <param name="TokenType"><c>bearer</c> for an access token, <c>refresh_token</c> for a refresh token.</param>
    /// <param name="ClientId">The client it was issued to; null for an anonymous one.</param>
    /// <param name="Subject">The emp_no, as the tokens write it.</param>
    /// <param name="Audience">An access token's <c>aud</c>; null for a refresh token, which only this service reads.</param>
    public sealed record Active(
        string TokenType,
        IReadOnlyList<string> Scopes,
        string? ClientId,
        string Subject,
        string? Username,
        DateTimeOffset IssuedAt,
        DateTimeOffset ExpiresAt,
        string Issuer,
        string? Audience) : IntrospectionResult
    {
        public string Scope => string.Join(' ', Scopes);
    }

    /// <summary>Not a confidential client that proved itself (introspection is for them alone): <c>invalid_client</c>.</summary>
    public sealed record InvalidClient : IntrospectionResult
    {
        public string Message => Login.LoginResult.ClientAuthenticationFailedMessage;
    }
}
