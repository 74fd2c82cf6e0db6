using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Application.Auth.Clients;

/// <summary>
/// Who the caller is as a client (RFC 6749 §2.3): one rule for every endpoint that takes client credentials.
/// <list type="bullet">
/// <item>No client id: anonymous (the password grant's Swagger UI, curl and login page).</item>
/// <item>A registered confidential client: only with its secret.</item>
/// <item>A registered public client: with no secret, or an empty one (Duende's Basic <c>client_id:</c>).</item>
/// <item>An unregistered client id: anonymous, as before clients were registered (a FastAPI-style client may
/// send any client_id); its tokens are bound to no client, so claiming the id wins nothing.</item>
/// </list>
/// </summary>
public static class ClientAuthentication
{
    /// <returns>The client, or null when the credentials name a registered client and do not prove it.</returns>
    public static AuthenticatedClient? Authenticate(IClientRegistry registry, ClientCredentials credentials)
    {
        // The browser session's id is the server's own: a request naming it is no one in particular.
        if (string.IsNullOrEmpty(credentials.ClientId)
            || credentials.ClientId == AuthenticatedClient.BrowserSessionId
            || registry.Find(credentials.ClientId) is not { } client)
        {
            return AuthenticatedClient.Anonymous;
        }

        if (client.IsConfidential)
        {
            return registry.IsSecretValid(client, credentials.Secret) ? new AuthenticatedClient(client.ClientId, true) : null;
        }

        // A public client has no secret: one that sends a secret is not who it says.
        return string.IsNullOrEmpty(credentials.Secret) ? new AuthenticatedClient(client.ClientId, false) : null;
    }
}
