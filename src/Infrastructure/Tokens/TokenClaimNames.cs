namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>
/// The claims of an access token (RFC 7519 names), written by <see cref="JwtTokenIssuer"/> and read
/// by everything that validates or uses one: one list, so the two sides cannot drift apart.
/// </summary>
public static class TokenClaimNames
{
    /// <summary>The employee's emp_no.</summary>
    public const string Subject = "sub";

    public const string Email = "email";

    /// <summary>The employee's full name, the principal's name.</summary>
    public const string Name = "name";

    public const string TokenId = "jti";

    /// <summary>
    /// A NumericDate in whole seconds (the floor of <see cref="IssuedAtMilliseconds"/>), as every verifier
    /// expects: PyJWT compares it with the current time truncated to the second, so a fraction made a fresh
    /// token "not yet valid" for up to a second.
    /// </summary>
    public const string IssuedAt = "iat";

    /// <summary>
    /// The instant the token was issued, in whole milliseconds since the epoch: a private claim (RFC 7519
    /// §4.3) that only this service reads, for "log out everywhere", which must tell a token issued a
    /// moment before it from one issued a moment after, within the same second. Other verifiers ignore it.
    /// Tokens issued before it came have a fractional <see cref="IssuedAt"/> instead (see <see cref="NumericDateClaim"/>).
    /// </summary>
    public const string IssuedAtMilliseconds = "iat_ms";

    /// <summary>A NumericDate in whole seconds.</summary>
    public const string ExpiresAt = "exp";

    /// <summary>
    /// The granted scope names, space-separated (RFC 8693 §4.2, RFC 9068 §2.2.3), as granted: inclusions
    /// are applied only where a requirement is checked. Absent when none was granted.
    /// </summary>
    public const string Scope = "scope";

    /// <summary>The refresh-token family the token was issued in (OpenID's session id name): a logout with it ends the family.</summary>
    public const string SessionId = "sid";

    /// <summary>The client the token was issued to (RFC 9068 §2.2); absent for anonymous clients.</summary>
    public const string ClientId = "client_id";
}
