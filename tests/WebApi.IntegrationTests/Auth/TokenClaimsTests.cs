using System.Security.Claims;
using FastApiLearning.Application.Auth;
using FastApiLearning.WebApi.Auth;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

/// <summary>What the endpoints read from a validated token's principal about scopes.</summary>
public sealed class TokenClaimsTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(claim => new Claim(claim.Type, claim.Value)), "Bearer"));

    [Test]
    public void Scopes_SplitsTheSpaceSeparatedClaim()
    {
        // Act
        var scopes = TokenClaims.Scopes(Principal(("sub", "10005"), ("scope", "admin:read admin:write")));

        // Assert
        Assert.That(scopes, Is.EqualTo(new[] { "admin:read", "admin:write" }));
    }

    [Test]
    public void Scopes_ReadsEveryScopeClaim()
    {
        // Act: a JSON array arrives as one claim per element.
        var scopes = TokenClaims.Scopes(Principal(("scope", "user:read"), ("scope", "user:write")));

        // Assert
        Assert.That(scopes, Is.EqualTo(new[] { "user:read", "user:write" }));
    }

    [Test]
    public void Scopes_WhenTheTokenHasNoScopeClaim_IsEmpty()
    {
        // Act
        var scopes = TokenClaims.Scopes(Principal(("sub", "500222"), ("scp", "admin:read")));

        // Assert
        Assert.That(scopes, Is.Empty);
    }

    [Test]
    public void Caller_CarriesTheEmpNoAndTheScopes()
    {
        // Act
        var caller = TokenClaims.Caller(Principal(("sub", "10011"), ("scope", "super:*")));

        // Assert
        Assert.That(caller?.EmpNo, Is.EqualTo(10011));
        Assert.That(caller?.Scopes, Is.EqualTo(new[] { "super:*" }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("abc")]
    [TestCase("-5")]
    public void Caller_WhenTheSubjectIsNoEmpNo_IsNull(string? subject)
    {
        // Arrange
        var principal = subject is null ? Principal(("scope", "super:*")) : Principal(("sub", subject), ("scope", "super:*"));

        // Act
        Caller? caller = TokenClaims.Caller(principal);

        // Assert
        Assert.That(caller, Is.Null);
    }
}
