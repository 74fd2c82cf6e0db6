using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Authorize;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.RedeemCode;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Auth.RedeemCode;

public sealed class RedeemCodeCommandHandlerTests
{
    private const string Code = "the-code-the-code-the-code-the-code-the-cod";
    private const string Redirect = "https://client.example/callback";
    private const string FamilyId = "0123456789abcdef0123456789abcdef";
    private static readonly string s_verifier = new('v', 43);
    private static readonly Employee s_behai = SampleEmployees.Behai();
    private static readonly OAuthClient s_public = new("public", "Public", false, [Redirect], ["user:read"], true);
    private static readonly OAuthClient s_confidential = new("confidential", "Confidential", true, [Redirect], ["user:read"], true);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private LogCapture _logs = null!;
    private Mock<IClientRegistry> _clients = null!;
    private Mock<IAuthorizationCodeStore> _codes = null!;
    private Mock<IRefreshTokenStore> _refreshTokens = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private Mock<IEmployeeStore> _employees = null!;
    private Mock<ITokenIssuer> _issuer = null!;
    private RedeemCodeCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _logs = new LogCapture();
        _clients = new Mock<IClientRegistry>();
        _clients.Setup(c => c.Find("public")).Returns(s_public);
        _clients.Setup(c => c.Find("confidential")).Returns(s_confidential);
        _clients.Setup(c => c.IsSecretValid(s_confidential, "secret")).Returns(true);
        _codes = new Mock<IAuthorizationCodeStore>();
        Stored(StoredCode(), isFirst: true);
        _refreshTokens = new Mock<IRefreshTokenStore>();
        _refreshTokens
            .Setup(r => r.StartFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _revocations = new Mock<IRevocationStore>();
        _employees = new Mock<IEmployeeStore>();
        _employees.Setup(e => e.FindByEmpNoAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(s_behai);
        _employees.Setup(e => e.FindTokensValidAfterAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(DateTimeOffset.MinValue);
        _issuer = new Mock<ITokenIssuer>();
        _issuer.Setup(i => i.Issue(s_behai, It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()))
            .Returns((Employee _, IReadOnlyList<string> scopes, AccessTokenSession? _) => new AccessToken("jwt", "jti", _clock.GetUtcNow().AddMinutes(30), TimeSpan.FromMinutes(30), scopes));
        var sessions = new TokenSessions(_issuer.Object, _refreshTokens.Object, RefreshTokenLifetimes.Default, _clock);
        _handler = new RedeemCodeCommandHandler(
            _clients.Object, _codes.Object, _employees.Object, sessions, new SessionRevocation(_refreshTokens.Object, _revocations.Object), _clock, _logs);
    }

    [Test]
    public async Task Handle_WhenTheEmployeeIsRemovedBeforeTheSessionIsStored_RefusesTheCode()
    {
        _refreshTokens
            .Setup(r => r.StartFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        var result = await _handler.Handle(Command(), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new RedeemCodeResult.CodeRefused(RedeemCodeCommandHandler.NoLongerValid)));
    }

    [Test]
    public async Task Handle_WithTheRightVerifier_StartsTheSessionInTheCodesFamily()
    {
        var result = await _handler.Handle(Command(), CancellationToken.None);

        var tokens = ((RedeemCodeResult.Redeemed)result).Tokens;
        Assert.That(tokens.FamilyId, Is.EqualTo(FamilyId));
        Assert.That(tokens.Access.Scopes, Is.EqualTo(new[] { "user:read" }));
        _refreshTokens.Verify(r => r.StartFamilyAsync(
            It.Is<RefreshTokenFamily>(f => f.FamilyId == FamilyId && f.ClientId == "public" && f.EmpNo == s_behai.EmpNo),
            TokenHandles.Hash(tokens.RefreshToken), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()));
        _codes.Verify(c => c.RedeemAsync(TokenHandles.Hash(Code), _clock.GetUtcNow(), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task Handle_WhenTheCodeWasUsedBefore_RevokesItsFamilyAndLogsTheReplay()
    {
        Stored(StoredCode() with { UsedAt = _clock.GetUtcNow() }, isFirst: false);

        var result = await _handler.Handle(Command(), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new RedeemCodeResult.CodeRefused(RedeemCodeCommandHandler.UsedCode)));
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(FamilyId, _clock.GetUtcNow(), It.IsAny<CancellationToken>()));
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, _clock.GetUtcNow(), It.IsAny<CancellationToken>()));
        Assert.That(_logs.Entries.Single(e => e.EventId.Id == 1033).EventId.Name, Is.EqualTo("AuthorizationCodeReplayed"));
        _issuer.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTheCodeIsUnknown_RefusesIt()
    {
        _codes.Setup(c => c.RedeemAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Redemption<AuthorizationCodeRecord>(null, false));

        var result = await _handler.Handle(Command(), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new RedeemCodeResult.CodeRefused(RedeemCodeCommandHandler.InvalidCode)));
        _refreshTokens.VerifyNoOtherCalls();
    }

    private static IEnumerable<TestCaseData> Mismatches()
    {
        yield return new TestCaseData(0, Command() with { Client = new ClientCredentials("confidential", "secret") }, RedeemCodeCommandHandler.OtherClient)
            .SetName("Handle_WhenAnotherClientPresentsTheCode_RefusesIt");
        yield return new TestCaseData(0, Command() with { RedirectUri = Redirect + "/" }, RedeemCodeCommandHandler.OtherRedirectUri)
            .SetName("Handle_WithAnotherRedirectUri_RefusesIt");
        yield return new TestCaseData(0, Command() with { CodeVerifier = null }, RedeemCodeCommandHandler.WrongVerifier)
            .SetName("Handle_WithoutAVerifier_RefusesIt");
        yield return new TestCaseData(0, Command() with { CodeVerifier = new string('w', 43) }, RedeemCodeCommandHandler.WrongVerifier)
            .SetName("Handle_WithAWrongVerifier_RefusesIt");
        yield return new TestCaseData(0, Command() with { CodeVerifier = Pkce.ChallengeOf(new string('v', 43)) }, RedeemCodeCommandHandler.WrongVerifier)
            .SetName("Handle_WithTheChallengeAsVerifier_RefusesIt");
        yield return new TestCaseData(60, Command(), RedeemCodeCommandHandler.ExpiredCode)
            .SetName("Handle_SixtySecondsAfterIssue_RefusesTheExpiredCode");
    }

    [TestCaseSource(nameof(Mismatches))]
    public async Task Handle_WhenTheCodeIsNotBoundToThisRequest_RefusesIt(int secondsLater, RedeemCodeCommand command, string reason)
    {
        _clock.Advance(TimeSpan.FromSeconds(secondsLater));

        var result = await _handler.Handle(command, CancellationToken.None);

        Assert.That(result, Is.EqualTo(new RedeemCodeResult.CodeRefused(reason)));
        _issuer.VerifyNoOtherCalls();
        _refreshTokens.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_FiftyNineSecondsAfterIssue_Redeems()
    {
        _clock.Advance(TimeSpan.FromSeconds(59));

        var result = await _handler.Handle(Command(), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RedeemCodeResult.Redeemed>());
    }

    [TestCase("nobody", null)]
    [TestCase("", null)]
    [TestCase("public", "a-secret-it-does-not-have")]
    [TestCase("confidential", null)]
    [TestCase("confidential", "wrong")]
    public async Task Handle_WhenTheClientIsUnknownOrNotAuthenticated_RefusesTheClientWithoutTouchingTheCode(string clientId, string? secret)
    {
        var result = await _handler.Handle(Command() with { Client = new ClientCredentials(clientId, secret) }, CancellationToken.None);

        Assert.That(result, Is.TypeOf<RedeemCodeResult.ClientRefused>());
        _codes.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_ForTheConfidentialClientWithItsSecret_Redeems()
    {
        Stored(StoredCode() with { ClientId = "confidential" }, isFirst: true);

        var result = await _handler.Handle(Command() with { Client = new ClientCredentials("confidential", "secret") }, CancellationToken.None);

        Assert.That(result, Is.TypeOf<RedeemCodeResult.Redeemed>());
    }

    [Test]
    public async Task Handle_WhenTheEmployeeIsGone_RefusesTheCode()
    {
        _employees.Setup(e => e.FindByEmpNoAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync((Employee?)null);
        _employees.Setup(e => e.FindTokensValidAfterAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync((DateTimeOffset?)null);

        var result = await _handler.Handle(Command(), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new RedeemCodeResult.CodeRefused(RedeemCodeCommandHandler.NoLongerValid)));
    }

    [TestCase(0, true)]
    [TestCase(-1, false)]
    public async Task Handle_WhenTokensValidAfterIsAtOrPastTheCodesIssue_RefusesIt(int secondsAfterIssue, bool refused)
    {
        _clock.Advance(TimeSpan.FromSeconds(10));
        var issuedAt = _clock.GetUtcNow().AddSeconds(-10);
        _employees.Setup(e => e.FindTokensValidAfterAsync(s_behai.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(issuedAt.AddSeconds(secondsAfterIssue));

        var result = await _handler.Handle(Command(), CancellationToken.None);

        Assert.That(result is RedeemCodeResult.CodeRefused, Is.EqualTo(refused));
    }

    [Test]
    public async Task Handle_WhenTheCodeIsReplayedBeforeItsFamilyExists_TheRedemptionEndsTheSessionItStartsAndRefuses()
    {
        // Arrange: the replay arrives while the first redemption is starting the family: it marks the code and
        // finds no family to revoke yet; the redemption, once the family exists, finds the mark.
        var uses = 0;
        var familyStarted = false;
        DateTimeOffset? replayedAt = null;
        _codes.Setup(c => c.RedeemAsync(TokenHandles.Hash(Code), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, DateTimeOffset now, CancellationToken _) =>
            {
                if (uses++ == 0)
                {
                    return new Redemption<AuthorizationCodeRecord>(StoredCode(), true);
                }

                replayedAt = now;
                return new Redemption<AuthorizationCodeRecord>(StoredCode() with { UsedAt = now }, false);
            });
        _codes.Setup(c => c.FindAsync(TokenHandles.Hash(Code), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => StoredCode() with { UsedAt = _clock.GetUtcNow(), ReplayedAt = replayedAt });
        _refreshTokens.Setup(r => r.RevokeFamilyAsync(FamilyId, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => familyStarted);
        RedeemCodeResult? replay = null;
        _refreshTokens.Setup(r => r.StartFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                replay = _handler.Handle(Command(), CancellationToken.None).AsTask().GetAwaiter().GetResult();
                familyStarted = true;
            })
            .ReturnsAsync(true);

        // Act
        var result = await _handler.Handle(Command(), CancellationToken.None);

        // Assert: neither gets tokens, and the family started after the replay looked is revoked after all.
        Assert.That(replay, Is.EqualTo(new RedeemCodeResult.CodeRefused(RedeemCodeCommandHandler.UsedCode)));
        Assert.That(result, Is.EqualTo(new RedeemCodeResult.CodeRefused(RedeemCodeCommandHandler.UsedCode)));
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(FamilyId, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Handle_WhenLogoutEverywhereWritesItsCutoffWhileTheSessionStarts_EndsItAndRefuses()
    {
        // Arrange: the first read of the cutoff comes before the logout's write, the read after starting after it.
        _employees.SetupSequence(e => e.FindTokensValidAfterAsync(s_behai.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DateTimeOffset.MinValue)
            .ReturnsAsync(_clock.GetUtcNow());

        // Act
        var result = await _handler.Handle(Command(), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new RedeemCodeResult.CodeRefused(RedeemCodeCommandHandler.NoLongerValid)));
        _refreshTokens.Verify(r => r.StartFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(FamilyId, _clock.GetUtcNow(), It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, _clock.GetUtcNow(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void ToString_LeavesTheSecretTheCodeAndTheVerifierOut()
    {
        var text = (Command() with { Client = new ClientCredentials("public", "the-secret") }).ToString();

        Assert.That(text, Does.Not.Contain("the-secret").And.Not.Contain(Code).And.Not.Contain(s_verifier));
    }

    private void Stored(AuthorizationCodeRecord code, bool isFirst) =>
        _codes.Setup(c => c.RedeemAsync(TokenHandles.Hash(Code), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Redemption<AuthorizationCodeRecord>(code, isFirst));

    private AuthorizationCodeRecord StoredCode() =>
        new(TokenHandles.Hash(Code), "public", Redirect, Pkce.ChallengeOf(s_verifier), s_behai.EmpNo, ["user:read"], FamilyId, _clock.GetUtcNow().AddSeconds(60));

    private static RedeemCodeCommand Command() => new(Code, Redirect, s_verifier, new ClientCredentials("public", null), "203.0.113.7");
}
