namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// Checks an access token the way the protected endpoints do (signature, algorithm, issuer, audience, lifetime),
/// for revocation and introspection, which receive tokens in a form rather than a header. Whether it was revoked
/// is not its question: the caller asks that (<see cref="Auth.AccessTokenRevocation"/>).
/// </summary>
public interface IAccessTokenValidator
{
    /// <summary>The issuer this service writes into its tokens (<c>iss</c>), for answers about tokens it issued.</summary>
    string Issuer { get; }

    /// <returns>What a valid token says; null for anything else (malformed, forged, expired, another issuer's).</returns>
    ValueTask<ValidatedAccessToken?> ValidateAsync(string token, CancellationToken cancellationToken);
}
