namespace FastApiLearning.Application.Auth.Clients;

/// <summary>
/// What a caller presented to say which OAuth2 client it is (RFC 6749 §2.3.1), from the form or from Basic
/// authentication, as sent: nothing is decided yet (<see cref="ClientAuthentication"/> decides).
/// </summary>
/// <param name="ClientId">Null or empty: no client named (an anonymous caller).</param>
/// <param name="Secret">Null or empty: none presented (a public client, as Duende sends one in Basic).</param>
public sealed record ClientCredentials(string? ClientId, string? Secret)
{
    public const int MaxClientIdLength = 255;
    public const int MaxSecretLength = 1024;

    public static ClientCredentials None { get; } = new(null, null);

    // Never let a secret reach a log line through the record's generated ToString.
    public override string ToString() => $"ClientCredentials {{ ClientId = {ClientId} }}";
}
