namespace FastApiLearning.Application.Auth.Clients;

/// <summary>The client a request is made by, once its credentials were checked.</summary>
/// <param name="ClientId">Empty for an anonymous caller (the password grant stays open to them).</param>
/// <param name="IsConfidential">It proved itself with its secret (RFC 6749 §2.1).</param>
public sealed record AuthenticatedClient(string ClientId, bool IsConfidential)
{
    /// <summary>
    /// The service's own browser session (the login page, its refresh cookie). Never a registered client and
    /// never read from a request: only the web layer's own session code asks for it, so nobody can claim it.
    /// </summary>
    public const string BrowserSessionId = "browser-session";

    public static AuthenticatedClient Anonymous { get; } = new("", false);

    public static AuthenticatedClient BrowserSession { get; } = new(BrowserSessionId, false);

    public bool IsAnonymous => ClientId.Length == 0;
}
