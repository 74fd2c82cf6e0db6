using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

/// <summary>
/// Authenticates a request by headers, for testing authorization alone: <c>X-Test-Sub</c> is the subject,
/// each <c>X-Test-Scope</c> value one <c>scope</c> claim, as a validated token's principal carries them
/// (JwtBearer maps no claim names here). Without <c>X-Test-Sub</c>, nobody is authenticated.
/// </summary>
public sealed class ClaimsFromHeadersHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string SubjectHeader = "X-Test-Sub";
    public const string ScopeHeader = "X-Test-Scope";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[SubjectHeader].ToString() is not { Length: > 0 } subject)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(Request.Headers[ScopeHeader].Select(scope => new Claim("scope", scope ?? "")));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
