using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Auth.Refresh;

public sealed class RefreshCommandHandlerTests
{
    private const string Token = "the-refresh-token";
    private const string ClientIp = "203.0.113.7";
    private const string FamilyId = "family-1";

    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Employee s_employee = SampleEmployees.Behai("$argon2id$hash");
    private static readonly OAuthClient s_spa = new("spa", "SPA", false, [], [Scopes.UserRead], false);

    private FakeTimeProvider _clock = null!;
    private Mock<IRefreshTokenStore> _store = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IScopeGrantStore> _grants = null!;
    private Mock<IClientRegistry> _clients = null!;
    private Mock<ILoginThrottle> _throttle = null!;
    private Mock<ITokenIssuer> _issuer = null!;
    private LogCapture _logs = null!;
    private RefreshCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(s_now);
        _store = new Mock<IRefreshTokenStore>();
        _store
            .Setup(s => s.AddAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _store.Setup(s => s.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _revocations = new Mock<IRevocationStore>();
        _employees = new Mock<IEmployeeStore>();
        _employees.Setup(e => e.FindTokensValidAfterAsync(s_employee.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(DateTimeOffset.MinValue);
        _employees.Setup(e => e.FindByEmpNoAsync(s_employee.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(s_employee);
        _grants = new Mock<IScopeGrantStore>();
        _grants.Setup(g => g.FindGrantedScopesAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Scopes.UserRead, Scopes.UserWrite]);
        _clients = new Mock<IClientRegistry>();
        _clients.Setup(c => c.Find("spa")).Returns(s_spa);
        _throttle = new Mock<ILoginThrottle>();
        _throttle.Setup(t => t.TryBeginAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>())).ReturnsAsync((TimeSpan?)null);
        _issuer = new Mock<ITokenIssuer>();
        _issuer.Setup(i => i.Issue(It.IsAny<Employee>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()))
            .Returns((Employee _, IReadOnlyList<string> scopes, AccessTokenSession? _) =>
                new AccessToken("header.payload.signature", "jti", s_now.AddMinutes(30), TimeSpan.FromMinutes(30), scopes));
        _logs = new LogCapture();
        var sessions = new TokenSessions(_issuer.Object, _store.Object, RefreshTokenLifetimes.Default, _clock);
        _handler = new RefreshCommandHandler(
            _store.Object,
            _employees.Object,
            _grants.Object,
            _clients.Object,
            _throttle.Object,
            sessions,
            new SessionRevocation(_store.Object, _revocations.Object),
            RefreshTokenLifetimes.Default,
            _clock,
            _logs);
    }

    [Test]
    public async Task Handle_WhenTheFamilyWentWithItsEmployeeMeanwhile_RefusesTheToken()
    {
        // The employee removed after the token was used and looked up: the successor has no family to join.
        Stored(new RefreshTokenRecord(TokenHandles.Hash(Token), Family(startedAt: s_now.AddDays(-1)), s_now.AddDays(-1), s_now.AddDays(1)), isFirst: true);
        _store
            .Setup(s => s.AddAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        var result = await _handler.Handle(new RefreshCommand(Token, ClientIp: ClientIp), CancellationToken.None);

        Assert.That(result, Is.SameAs(RefreshResult.InvalidToken));
    }

    [Test]
    public async Task Handle_WithTheCurrentToken_RotatesIt_WithinTheSameFamilyAndTheAbsoluteLifetime()
    {
        // Arrange: a family started 29 days ago: the successor lives until day 30, not 7 days more.
        var family = Family(startedAt: s_now.AddDays(-29));
        Stored(new RefreshTokenRecord(TokenHandles.Hash(Token), family, s_now.AddDays(-1), s_now.AddDays(1)), isFirst: true);

        // Act
        var result = await _handler.Handle(new RefreshCommand(Token, ClientIp: ClientIp), CancellationToken.None);

        // Assert
        var tokens = ((RefreshResult.Succeeded)result).Tokens;
        Assert.That(tokens.FamilyId, Is.EqualTo(FamilyId));
        Assert.That(tokens.RefreshToken, Is.Not.EqualTo(Token));
        Assert.That(tokens.Access.Scopes, Is.EqualTo(new[] { Scopes.UserRead, Scopes.UserWrite }));
        _store.Verify(s => s.AddAsync(FamilyId, TokenHandles.Hash(tokens.RefreshToken), s_now, s_now.AddDays(1), It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _issuer.Verify(i => i.Issue(s_employee, It.IsAny<IReadOnlyList<string>>(), new AccessTokenSession(FamilyId, "")), Times.Once);
    }

    [Test]
    public async Task Handle_WithAnUnknownToken_IsRefused_AndTheGuessStaysCountedAgainstTheAddress()
    {
        // Arrange
        _store.Setup(s => s.UseAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Redemption<RefreshTokenRecord>(null, false));

        // Act
        var result = await _handler.Handle(new RefreshCommand("guess", ClientIp: ClientIp), CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<RefreshResult.Refused>());
        _throttle.Verify(t => t.TryBeginAsync(It.Is<LoginAttempt>(a => a.ClientIp == ClientIp && !a.NormalizedUsername.Contains('@')), It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.SucceededAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_logs.Entries.Select(e => e.EventId.Name), Is.EqualTo(new[] { "RefreshRefused" }));
    }

    [Test]
    public async Task Handle_WhenTheAddressIsThrottled_LooksNothingUp()
    {
        // Arrange
        _throttle.Setup(t => t.TryBeginAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>())).ReturnsAsync(TimeSpan.FromSeconds(61));

        // Act
        var result = await _handler.Handle(new RefreshCommand(Token, ClientIp: ClientIp), CancellationToken.None);

        // Assert
        Assert.That(((RefreshResult.Throttled)result).RetryAfterSeconds, Is.EqualTo(61));
        _store.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WithAKnownToken_GivesTheAttemptBack()
    {
        Stored(Current(), isFirst: true);

        await _handler.Handle(new RefreshCommand(Token, ClientIp: ClientIp), CancellationToken.None);

        _throttle.Verify(t => t.SucceededAsync(It.Is<LoginAttempt>(a => a.ClientIp == ClientIp), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void Handle_WhenTheStoreIsUnavailable_GivesTheAttemptBackAndPropagates()
    {
        _store.Setup(s => s.UseAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("busy", TimeSpan.FromSeconds(1)));

        Assert.ThrowsAsync<ResourceUnavailableException>(async () => await _handler.Handle(new RefreshCommand(Token, ClientIp: ClientIp), CancellationToken.None));
        _throttle.Verify(t => t.AbandonAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WithAUsedToken_RevokesTheFamilyAndLogsTheReuse()
    {
        // Arrange
        Stored(Current() with { UsedAt = s_now.AddSeconds(-1) }, isFirst: false);

        // Act
        var result = await _handler.Handle(new RefreshCommand(Token, ClientIp: ClientIp), CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<RefreshResult.Refused>());
        _store.Verify(s => s.RevokeFamilyAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.AddAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_logs.Entries.Select(e => e.EventId.Name), Is.EqualTo(new[] { "RefreshTokenReused" }));
        SecurityLogAssert.NeverContains(_logs.Entries, Token);
    }

    [TestCase(10, true)]
    [TestCase(11, false)]
    public async Task Handle_TheBrowserSessionsUsedToken_WithinTheGrace_GetsAnAccessTokenOnly(int secondsSinceUse, bool withinGrace)
    {
        // Arrange
        var family = Family(clientId: AuthenticatedClient.BrowserSessionId);
        Stored(Current(family) with { UsedAt = s_now.AddSeconds(-secondsSinceUse) }, isFirst: false);

        // Act
        var result = await _handler.Handle(new RefreshCommand(Token, BrowserSession: true), CancellationToken.None);

        // Assert
        Assert.That(result, withinGrace ? Is.TypeOf<RefreshResult.Reissued>() : Is.TypeOf<RefreshResult.Refused>());
        _store.Verify(s => s.RevokeFamilyAsync(FamilyId, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), withinGrace ? Times.Never : Times.Once);
        _store.Verify(s => s.AddAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_AnApiClientsUsedToken_GetsNoGrace()
    {
        Stored(Current(Family(clientId: "spa")) with { UsedAt = s_now }, isFirst: false);

        var result = await _handler.Handle(new RefreshCommand(Token, Client: new ClientCredentials("spa", null)), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RefreshResult.Refused>());
        _store.Verify(s => s.RevokeFamilyAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase("", "spa")]
    [TestCase("spa", null)]
    [TestCase(AuthenticatedClient.BrowserSessionId, null)]
    [TestCase(AuthenticatedClient.BrowserSessionId, AuthenticatedClient.BrowserSessionId)]
    public async Task Handle_AnotherClientsToken_IsRefusedAndEndsTheFamily(string familyClient, string? callerClient)
    {
        Stored(Current(Family(clientId: familyClient)), isFirst: true);

        var result = await _handler.Handle(new RefreshCommand(Token, Client: new ClientCredentials(callerClient, null)), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RefreshResult.Refused>());
        _store.Verify(s => s.RevokeFamilyAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _issuer.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_ATokenOfARevokedFamily_IsRefused()
    {
        Stored(Current(Family() with { RevokedAt = s_now.AddHours(-1) }), isFirst: false);

        var result = await _handler.Handle(new RefreshCommand(Token), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RefreshResult.Refused>());
        _issuer.VerifyNoOtherCalls();
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task Handle_AnExpiredToken_IsRefused(int secondsLeft)
    {
        Stored(Current() with { ExpiresAt = s_now.AddSeconds(secondsLeft) }, isFirst: true);

        var result = await _handler.Handle(new RefreshCommand(Token), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RefreshResult.Refused>());
        _issuer.VerifyNoOtherCalls();
    }

    [TestCase(0, true)]
    [TestCase(1, true)]
    [TestCase(-1, false)]
    public async Task Handle_WhenTheEmployeesTokensAreVoidSinceTheFamilyStarted_IsRefused(int cutoffAfterStartSeconds, bool refused)
    {
        var family = Family();
        Stored(Current(family), isFirst: true);
        _employees.Setup(e => e.FindTokensValidAfterAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(family.StartedAt.AddSeconds(cutoffAfterStartSeconds));

        var result = await _handler.Handle(new RefreshCommand(Token), CancellationToken.None);

        Assert.That(result, refused ? Is.TypeOf<RefreshResult.Refused>() : Is.TypeOf<RefreshResult.Succeeded>());
    }

    [Test]
    public async Task Handle_WhenTheEmployeeIsGone_IsRefused()
    {
        Stored(Current(), isFirst: true);
        _employees.Setup(e => e.FindTokensValidAfterAsync(s_employee.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync((DateTimeOffset?)null);

        var result = await _handler.Handle(new RefreshCommand(Token), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RefreshResult.Refused>());
    }

    [TestCase("user:read", new[] { Scopes.UserRead })]
    [TestCase("user:write user:read", new[] { Scopes.UserRead, Scopes.UserWrite })]
    public async Task Handle_WithANarrowerScope_NarrowsTheAccessTokenOnly(string scope, string[] expected)
    {
        Stored(Current(), isFirst: true);

        var result = await _handler.Handle(new RefreshCommand(Token, scope), CancellationToken.None);

        Assert.That(((RefreshResult.Succeeded)result).Tokens.Access.Scopes, Is.EqualTo(expected));
    }

    [Test]
    public async Task Handle_WithANameIncludedInTheFamilysScope_Narrows()
    {
        // admin:write includes user:read.
        Stored(Current(Family(scopes: [Scopes.AdminWrite])), isFirst: true);
        _grants.Setup(g => g.FindGrantedScopesAsync(s_employee.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync([Scopes.AdminWrite]);

        var result = await _handler.Handle(new RefreshCommand(Token, Scopes.UserRead), CancellationToken.None);

        Assert.That(((RefreshResult.Succeeded)result).Tokens.Access.Scopes, Is.EqualTo(new[] { Scopes.UserRead }));
    }

    [Test]
    public async Task Handle_WithAScopeBeyondTheFamilys_IsInvalidScope()
    {
        Stored(Current(), isFirst: true);

        var result = await _handler.Handle(new RefreshCommand(Token, Scopes.AdminRead), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RefreshResult.ScopeRefused>());
        Assert.That(((RefreshResult.ScopeRefused)result).Message, Does.Contain("user:read user:write"));
        _issuer.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenAGrantWasTakenAway_TheAccessTokenLosesIt()
    {
        // Arrange: the family holds user:write; the employee no longer does (a revocation the cutoff did not catch).
        Stored(Current(), isFirst: true);
        _grants.Setup(g => g.FindGrantedScopesAsync(s_employee.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync([Scopes.UserRead]);

        // Act
        var whole = await _handler.Handle(new RefreshCommand(Token), CancellationToken.None);
        Stored(Current(), isFirst: true);
        var asked = await _handler.Handle(new RefreshCommand(Token, Scopes.UserWrite), CancellationToken.None);

        // Assert
        Assert.That(((RefreshResult.Succeeded)whole).Tokens.Access.Scopes, Is.EqualTo(new[] { Scopes.UserRead }));
        Assert.That(asked, Is.TypeOf<RefreshResult.ScopeRefused>());
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Handle_WhenLogoutEverywhereWritesItsCutoffWhileTheTokensAreMinted_EndsTheSessionAndRefuses(bool browserGrace)
    {
        // Arrange: the first read of the cutoff comes before the logout's write, the read after minting after it.
        var family = Family(clientId: browserGrace ? AuthenticatedClient.BrowserSessionId : "");
        Stored(browserGrace ? Current(family) with { UsedAt = s_now.AddSeconds(-1) } : Current(family), isFirst: !browserGrace);
        _employees.SetupSequence(e => e.FindTokensValidAfterAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DateTimeOffset.MinValue)
            .ReturnsAsync(s_now);

        // Act
        var result = await _handler.Handle(new RefreshCommand(Token, BrowserSession: browserGrace), CancellationToken.None);

        // Assert: minted (and, for a rotation, stored), then refused, and everything of the session ended.
        Assert.That(result, Is.TypeOf<RefreshResult.Refused>());
        _issuer.Verify(i => i.Issue(s_employee, It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()), Times.Once);
        _store.Verify(s => s.RevokeFamilyAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheCutoffIsUnchangedAfterMinting_KeepsTheSession()
    {
        Stored(Current(), isFirst: true);

        var result = await _handler.Handle(new RefreshCommand(Token), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RefreshResult.Succeeded>());
        _employees.Verify(e => e.FindTokensValidAfterAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()), Times.Exactly(2));
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenAConfidentialClientDoesNotProveItself_TouchesNoToken()
    {
        _clients.Setup(c => c.Find("rs")).Returns(new OAuthClient("rs", "RS", true, [], [], false));

        var result = await _handler.Handle(new RefreshCommand(Token, Client: new ClientCredentials("rs", "guess")), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RefreshResult.InvalidClient>());
        _store.VerifyNoOtherCalls();
        _throttle.VerifyNoOtherCalls();
    }

    private static RefreshTokenFamily Family(string clientId = "", DateTimeOffset? startedAt = null, IReadOnlyList<string>? scopes = null) =>
        new(FamilyId, s_employee.EmpNo, clientId, scopes ?? [Scopes.UserRead, Scopes.UserWrite], startedAt ?? s_now.AddDays(-1));

    private static RefreshTokenRecord Current(RefreshTokenFamily? family = null) =>
        new(TokenHandles.Hash(Token), family ?? Family(), s_now.AddHours(-1), s_now.AddDays(6));

    private void Stored(RefreshTokenRecord record, bool isFirst) =>
        _store.Setup(s => s.UseAsync(TokenHandles.Hash(Token), s_now, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Redemption<RefreshTokenRecord>(record, isFirst));
}
