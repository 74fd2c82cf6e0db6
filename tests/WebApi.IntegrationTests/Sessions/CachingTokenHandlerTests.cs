using FastApiLearning.WebApi.IntegrationTests.Support;
using FastApiLearning.WebApi.Sessions;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.IntegrationTests.Sessions;

public sealed class CachingTokenHandlerTests
{
    private static TokenValidationParameters Parameters(string key) => new()
    {
        ValidIssuer = TestTokens.Issuer,
        ValidAudience = TestTokens.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(key)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };

    [Test]
    public async Task ValidateTokenAsync_WhenATokenPassedOnce_DoesNotCheckItsSignatureAgain()
    {
        // Arrange
        using var handler = new CachingTokenHandler(TimeProvider.System);
        var token = TestTokens.Create();
        var first = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Act: parameters whose key could not verify it, so only the cache can say yes.
        var second = await handler.ValidateTokenAsync(token, Parameters(TestTokens.OtherKey()));

        // Assert
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.IsValid, Is.True);
        Assert.That(second.ClaimsIdentity.FindFirst("sub")?.Value, Is.EqualTo("500222"));
        Assert.That(second.SecurityToken, Is.SameAs(first.SecurityToken));
    }

    [Test]
    public async Task ValidateTokenAsync_GivesEachRequestItsOwnClaimsIdentity()
    {
        // Arrange
        using var handler = new CachingTokenHandler(TimeProvider.System);
        var token = TestTokens.Create();
        await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Act
        var one = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));
        var two = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Assert
        Assert.That(one.ClaimsIdentity, Is.Not.SameAs(two.ClaimsIdentity));
        Assert.That(one.ClaimsIdentity.FindFirst("jti")?.Value, Is.EqualTo(two.ClaimsIdentity.FindFirst("jti")?.Value));
    }

    [Test]
    public async Task ValidateTokenAsync_NeverRemembersARefusedToken()
    {
        // Arrange
        using var handler = new CachingTokenHandler(TimeProvider.System);
        var token = TestTokens.Create(key: TestTokens.OtherKey());
        var refused = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Act
        var again = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Assert
        Assert.That(refused.IsValid, Is.False);
        Assert.That(again.IsValid, Is.False);
    }

    [Test]
    public async Task ValidateTokenAsync_ForgetsATokenWhenItExpires()
    {
        // Arrange: the handler's clock is past the token's exp, so the token is not remembered.
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        using var handler = new CachingTokenHandler(later);
        var token = TestTokens.Create();
        var first = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Act
        var second = await handler.ValidateTokenAsync(token, Parameters(TestTokens.OtherKey()));

        // Assert
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.IsValid, Is.False);
    }
}
