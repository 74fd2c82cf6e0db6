using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

public sealed class CachingTokenHandlerTests
{
    /// <summary>Jwt:AccessTokenLifetime in seconds, as a token carries it.</summary>
    private static readonly long s_lifetime = (long)TestTokens.Lifetime.TotalSeconds;
    private static readonly long s_tenYears = (long)TimeSpan.FromDays(3653).TotalSeconds;

    /// <summary>The app's key: one object, as the app builds its keys once (the cache trusts a key by reference).</summary>
    private static readonly SymmetricSecurityKey s_signingKey = new(Convert.FromBase64String(TestTokens.SigningKey));

    private static TokenValidationParameters Parameters(string key) => new()
    {
        ValidIssuer = TestTokens.Issuer,
        ValidAudience = TestTokens.Audience,
        IssuerSigningKey = key == TestTokens.SigningKey ? s_signingKey : new SymmetricSecurityKey(Convert.FromBase64String(key)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };

    /// <summary>The app's key, but another issuer: a full check would refuse every token, so only the cache can say yes.</summary>
    private static TokenValidationParameters OnlyTheCacheAccepts()
    {
        var parameters = Parameters(TestTokens.SigningKey);
        parameters.ValidIssuer = "https://someone-else.example.com";
        return parameters;
    }

    [Test]
    public async Task ValidateTokenAsync_WhenATokenPassedOnce_DoesNotCheckItsSignatureAgain()
    {
        // Arrange
        using var handler = CreateHandler(TimeProvider.System);
        var token = TestTokens.Create();
        var first = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Act
        var second = await handler.ValidateTokenAsync(token, OnlyTheCacheAccepts());

        // Assert
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.IsValid, Is.True);
        Assert.That(second.ClaimsIdentity.FindFirst("sub")?.Value, Is.EqualTo("500222"));
        Assert.That(second.SecurityToken, Is.SameAs(first.SecurityToken));
    }

    [Test]
    public async Task ValidateTokenAsync_WhenAnotherTokenCarriesARememberedTokensSignature_ChecksItInFull()
    {
        // Arrange: the cache hashes a token by its signature; a hit must still be the very same string.
        using var handler = CreateHandler(TimeProvider.System);
        var token = TestTokens.Create();
        await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));
        var parts = token.Split('.');
        var otherPayload = TestTokens.Create(empNo: 10001).Split('.')[1];

        // Act
        var spliced = await handler.ValidateTokenAsync($"{parts[0]}.{otherPayload}.{parts[2]}", OnlyTheCacheAccepts());

        // Assert
        Assert.That(spliced.IsValid, Is.False);
        Assert.That(spliced.Exception, Is.InstanceOf<SecurityTokenInvalidIssuerException>()
            .Or.InstanceOf<SecurityTokenInvalidSignatureException>());
    }

    [Test]
    public async Task ValidateTokenAsync_WithTheCacheOff_ChecksATokenInFullEveryTime()
    {
        // Arrange: Jwt:ValidatedTokenCacheCapacity=0, what the bench measures the cache against.
        using var handler = new CachingTokenHandler(
            TimeProvider.System, Options.Create(new JwtOptions { AccessTokenLifetime = TestTokens.Lifetime, ValidatedTokenCacheCapacity = 0 }));
        var token = TestTokens.Create();
        var first = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Act
        var second = await handler.ValidateTokenAsync(token, OnlyTheCacheAccepts());

        // Assert
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.IsValid, Is.False);
        Assert.That(second.Exception, Is.InstanceOf<SecurityTokenInvalidIssuerException>());
    }

    [Test]
    public async Task ValidateTokenAsync_WhileTheKeyThatSignedItIsStillAmongSeveral_AnswersFromMemory()
    {
        // Arrange
        using var handler = CreateHandler(TimeProvider.System);
        var token = TestTokens.Create();
        var newKey = new SymmetricSecurityKey(Convert.FromBase64String(TestTokens.OtherKey()));
        var rotating = Parameters(TestTokens.SigningKey);
        rotating.IssuerSigningKey = null;
        rotating.IssuerSigningKeys = [newKey, s_signingKey];
        var first = await handler.ValidateTokenAsync(token, rotating);

        // Act
        var onlyTheCache = OnlyTheCacheAccepts();
        onlyTheCache.IssuerSigningKey = null;
        onlyTheCache.IssuerSigningKeys = [newKey, s_signingKey];
        var second = await handler.ValidateTokenAsync(token, onlyTheCache);

        // Assert
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.IsValid, Is.True);
        Assert.That(second.SecurityToken, Is.SameAs(first.SecurityToken));
    }

    [Test]
    public async Task ValidateTokenAsync_WhenTheKeyThatSignedARememberedTokenIsNoLongerTrusted_ChecksItAgainAndRefusesIt()
    {
        // Arrange: remembered while its key was one of two.
        using var handler = CreateHandler(TimeProvider.System);
        var token = TestTokens.Create();
        var newKey = new SymmetricSecurityKey(Convert.FromBase64String(TestTokens.OtherKey()));
        var rotating = Parameters(TestTokens.SigningKey);
        rotating.IssuerSigningKey = null;
        rotating.IssuerSigningKeys = [newKey, s_signingKey];
        var first = await handler.ValidateTokenAsync(token, rotating);

        // Act: the old key retired.
        var retired = Parameters(TestTokens.SigningKey);
        retired.IssuerSigningKey = null;
        retired.IssuerSigningKeys = [newKey];
        var second = await handler.ValidateTokenAsync(token, retired);
        var again = await handler.ValidateTokenAsync(token, rotating);

        // Assert: refused by the full check; and no longer remembered, though its key is trusted once more.
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.IsValid, Is.False);
        Assert.That(second.Exception, Is.InstanceOf<SecurityTokenSignatureKeyNotFoundException>()
            .Or.InstanceOf<SecurityTokenInvalidSignatureException>());
        Assert.That(again.IsValid, Is.True);
        Assert.That(again.SecurityToken, Is.Not.SameAs(first.SecurityToken));
    }

    [Test]
    public async Task ValidateTokenAsync_GivesEachRequestItsOwnClaimsIdentity()
    {
        // Arrange
        using var handler = CreateHandler(TimeProvider.System);
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
        using var handler = CreateHandler(TimeProvider.System);
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
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        using var handler = CreateHandler(later);
        var token = TestTokens.Create();
        var first = await handler.ValidateTokenAsync(token, Parameters(TestTokens.SigningKey));

        // Act
        var second = await handler.ValidateTokenAsync(token, OnlyTheCacheAccepts());

        // Assert
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.IsValid, Is.False);
    }

    [Test]
    public async Task ValidateTokenAsync_WhenTheClockPassesExpAndTheSkew_RefusesTheRememberedTokenAsExpired()
    {
        // Arrange: a token remembered, then the handler's clock a second past exp + skew.
        var clock = HostSetup.NewClock();
        using var handler = CreateHandler(clock);
        var token = TestTokens.Create();
        var parameters = Parameters(TestTokens.SigningKey);
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
        var first = await handler.ValidateTokenAsync(token, parameters);
        clock.SetUtcNow(ExpiresAt(token) + parameters.ClockSkew + TimeSpan.FromSeconds(1));

        // Act
        var second = await handler.ValidateTokenAsync(token, parameters);

        // Assert
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.IsValid, Is.False);
        Assert.That(second.Exception, Is.TypeOf<SecurityTokenExpiredException>());
        Assert.That(TokenRejection.ReasonFor(second.Exception), Is.EqualTo("expired"));
    }

    [Test]
    public async Task ValidateTokenAsync_WhenTheClockIsPastExpButWithinTheSkew_StillAnswersFromMemory()
    {
        // Arrange
        var clock = HostSetup.NewClock();
        using var handler = CreateHandler(clock);
        var token = TestTokens.Create();
        var parameters = Parameters(TestTokens.SigningKey);
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
        await handler.ValidateTokenAsync(token, parameters);
        clock.SetUtcNow(ExpiresAt(token) + parameters.ClockSkew);

        // Act
        var onlyTheCache = OnlyTheCacheAccepts();
        onlyTheCache.ClockSkew = parameters.ClockSkew;
        var again = await handler.ValidateTokenAsync(token, onlyTheCache);

        // Assert
        Assert.That(again.Exception, Is.Null);
        Assert.That(again.IsValid, Is.True);
    }

    private static IEnumerable<TestCaseData> TokensTheBaseHandlerAccepts()
    {
        yield return new TestCaseData(Token(iat: 0, exp: s_lifetime))
            .SetName("{m}(ExactlyTheConfiguredLifetime)");
        yield return new TestCaseData(Token(iat: 0.123, exp: s_lifetime))
            .SetName("{m}(FractionalIat)");
        yield return new TestCaseData(Token(iat: 0.123, exp: 1 + s_lifetime))
            .SetName("{m}(FractionalIatAndExpRoundedUp)");
        yield return new TestCaseData(WithIatMs(0))
            .SetName("{m}(IatMsAtTheStartOfIatsSecond)");
        yield return new TestCaseData(WithIatMs(999))
            .SetName("{m}(IatMsAtTheEndOfIatsSecond)");
    }

    [TestCaseSource(nameof(TokensTheBaseHandlerAccepts))]
    public async Task ValidateTokenAsync_WhenTokenLivesNoLongerThanConfigured_AcceptsIt(Func<string> token)
    {
        // Arrange
        using var handler = CreateHandler(TimeProvider.System);

        // Act
        var result = await handler.ValidateTokenAsync(token(), Parameters(TestTokens.SigningKey));

        // Assert
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.IsValid, Is.True);
    }

    private static IEnumerable<TestCaseData> TokensOnlyThisHandlerRefuses()
    {
        yield return new TestCaseData(Token(iat: 0, exp: s_tenYears), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(TenYearsLong)");
        yield return new TestCaseData(Token(iat: 0, exp: s_lifetime + 2), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(TwoSecondsLongerThanConfigured)");
        // 1.4 s over; iat rounded to whole seconds would make it 1 s, within the tolerance.
        yield return new TestCaseData(Token(iat: 0.6, exp: s_lifetime + 2), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(FractionalIatMakesItLongerThanTheTolerance)");
        yield return new TestCaseData((Func<string>)(() => TestTokens.Create(withIssuedAt: false)), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(NoIat)");
        yield return new TestCaseData(Token(iat: s_tenYears, exp: s_tenYears + s_lifetime), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(IssuedTenYearsFromNow)");
        // iat_ms is what "log out everywhere" compares; it must name the second every other verifier reads in iat.
        yield return new TestCaseData(WithIatMs(1000), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(IatMsInTheSecondAfterIat)");
        yield return new TestCaseData(WithIatMs(-1), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(IatMsBeforeIat)");
        yield return new TestCaseData(WithIatMs(s_tenYears * 1000), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(IatMsTenYearsAfterIat)");
        yield return new TestCaseData(WithIatMs("soon"), typeof(SecurityTokenInvalidLifetimeException), "lifetime not allowed")
            .SetName("{m}(IatMsNotANumber)");
        yield return new TestCaseData(Critical(["https://example.com/ext"]), typeof(SecurityTokenInvalidTypeException), "unsupported header")
            .SetName("{m}(CritNamingAnExtension)");
        yield return new TestCaseData(Critical([]), typeof(SecurityTokenInvalidTypeException), "unsupported header")
            .SetName("{m}(EmptyCrit)");
    }

    [TestCaseSource(nameof(TokensOnlyThisHandlerRefuses))]
    public async Task ValidateTokenAsync_WhenTokenIsSignedButBreaksARuleOfOurs_RefusesItWithAReasonForTheLog(
        Func<string> token, Type exceptionType, string reason)
    {
        // Arrange
        using var handler = CreateHandler(TimeProvider.System);

        // Act
        var result = await handler.ValidateTokenAsync(token(), Parameters(TestTokens.SigningKey));

        // Assert
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Exception, Is.TypeOf(exceptionType));
        Assert.That(TokenRejection.ReasonFor(result.Exception), Is.EqualTo(reason));
    }

    [TestCaseSource(nameof(TokensOnlyThisHandlerRefuses))]
    public async Task ValidateTokenAsync_NeverRemembersATokenItRefusedItself(Func<string> token, Type exceptionType, string reason)
    {
        // Arrange
        using var handler = CreateHandler(TimeProvider.System);
        var refusedToken = token();
        var refused = await handler.ValidateTokenAsync(refusedToken, Parameters(TestTokens.SigningKey));

        // Act
        var again = await handler.ValidateTokenAsync(refusedToken, Parameters(TestTokens.SigningKey));

        // Assert
        Assert.That(refused.IsValid, Is.False);
        Assert.That(again.IsValid, Is.False);
        Assert.That(again.Exception, Is.TypeOf(exceptionType), reason);
    }

    private static DateTimeOffset ExpiresAt(string token) => new(new JsonWebToken(token).ValidTo, TimeSpan.Zero);

    private static CachingTokenHandler CreateHandler(TimeProvider clock) =>
        new(clock, Options.Create(new JwtOptions { AccessTokenLifetime = TestTokens.Lifetime }));

    /// <summary>A well-signed token with iat and exp this many seconds after the last whole second.</summary>
    private static Func<string> Token(double iat, long exp) => () =>
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return TestTokens.Create(
            issuedAt: now + iat,
            notBefore: DateTimeOffset.FromUnixTimeSeconds(now).UtcDateTime,
            expires: DateTimeOffset.FromUnixTimeSeconds(now + exp).UtcDateTime);
    };

    /// <summary>
    /// A well-signed token as the issuer makes them: iat in whole seconds (now), and iat_ms this far (in
    /// milliseconds) after the start of iat's second, or the value given.
    /// </summary>
    private static Func<string> WithIatMs(object millisecondsAfterIat) => () =>
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + TestTokens.Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(s_signingKey, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "500222",
                ["jti"] = Guid.NewGuid().ToString("N"),
                [TokenClaimNames.IssuedAtMilliseconds] = millisecondsAfterIat switch
                {
                    int offset => now.ToUnixTimeMilliseconds() + offset,
                    long offset => now.ToUnixTimeMilliseconds() + offset,
                    var value => value,
                },
            },
        });
    };

    private static Func<string> Critical(string[] extensions) => () => TestTokens.Create(
        header: new Dictionary<string, object> { ["crit"] = extensions, ["https://example.com/ext"] = true });
}
