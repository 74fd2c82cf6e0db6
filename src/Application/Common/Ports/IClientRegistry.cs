namespace FastApiLearning.Application.Common.Ports;

/// <summary>The registered clients (configuration, <c>OAuth:Clients</c>), Swagger UI among them.</summary>
public interface IClientRegistry
{
    OAuthClient? Find(string clientId);

    /// <summary>Whether <paramref name="secret"/> is the confidential client's secret, compared in constant time.</summary>
    bool IsSecretValid(OAuthClient client, string? secret);

    /// <summary>
    /// Whether a registered client's redirect URI is on this origin (<c>scheme://host[:port]</c>, lower case):
    /// such a client's pages may call <c>/token</c> and <c>/revoke</c> from the browser (CORS).
    /// </summary>
    bool IsClientOrigin(string origin);
}
