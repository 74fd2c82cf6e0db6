using FastApiLearning.Application.Auth.Clients;
using Mediator;

namespace FastApiLearning.Application.Auth.RevokeToken;

/// <summary>
/// A client gives up a token (RFC 7009): a refresh token ends its whole family, an access token is refused from
/// now until it expires. Unknown and invalid tokens are no error (§2.2): there is nothing to revoke.
/// </summary>
/// <param name="Token">The token as sent; missing arrives as an empty string.</param>
/// <param name="TokenTypeHint"><c>refresh_token</c> or <c>access_token</c>: which kind to look for first (§2.1); anything else is ignored.</param>
public sealed record RevokeTokenCommand(
    string Token,
    string? TokenTypeHint = null,
    ClientCredentials? Client = null,
    string? ClientIp = null) : ICommand<RevokeTokenResult>
{
    public const string AccessTokenHint = "access_token";
    public const string RefreshTokenHint = "refresh_token";

    // Never let a token reach a log line through the record's generated ToString.
    public override string ToString() =>
        $"RevokeTokenCommand {{ TokenTypeHint = {TokenTypeHint}, ClientId = {Client?.ClientId}, ClientIp = {ClientIp} }}";
}
