using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Logout;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.TestSupport.Logging;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Auth.Logout;

public sealed class LogoutCommandHandlerTests
{
    private const string TokenId = "0f8fad5bd9cb469fa16570867728950e";
    private const string Username = "behai_nguyen@hotmail.com";
    private const string ClientIp = "203.0.113.7";

    private static readonly DateTimeOffset s_expiresAt = new(2025, 1, 2, 3, 34, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 10, 5, 250, TimeSpan.Zero);

    private Mock<IRevocationStore> _revocations = null!;
    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IRefreshTokenStore> _refreshTokens = null!;
    private FakeTimeProvider _clock = null!;
    private LogCapture _logs = null!;
    private LogoutCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _revocations = new Mock<IRevocationStore>();
        _revocations
            .Setup(r => r.RevokeAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _revocations
            .Setup(r => r.RevokeAllAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _employees = new Mock<IEmployeeStore>();
        _employees
            .Setup(e => e.SetTokensValidAfterAsync(It.IsAny<int>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _refreshTokens = new Mock<IRefreshTokenStore>();
        _refreshTokens
            .Setup(r => r.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _logs = new LogCapture();
        _clock = new FakeTimeProvider(s_now);
        _handler = new LogoutCommandHandler(
            _revocations.Object, _employees.Object, _refreshTokens.Object, new SessionRevocation(_refreshTokens.Object, _revocations.Object), _clock, _logs);
    }

    [Test]
    public async Task Handle_WhenTokenIsGiven_RevokesItsIdUntilItExpires()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var command = new LogoutCommand(TokenId, s_expiresAt);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert
        _revocations.Verify(r => r.RevokeAsync(TokenId, s_expiresAt, cancellation.Token), Times.Once);
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTokenIsRevoked_ReturnsUnit()
    {
        // Arrange
        var command = new LogoutCommand(TokenId, s_expiresAt);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(Unit.Value));
    }

    [Test]
    public async Task Handle_WhenStoreFails_PropagatesTheFailure()
    {
        // Arrange
        _revocations
            .Setup(r => r.RevokeAsync(TokenId, s_expiresAt, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("cache unavailable"));
        var command = new LogoutCommand(TokenId, s_expiresAt);

        // Act
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await _handler.Handle(command, CancellationToken.None));

        // Assert
        Assert.That(exception?.Message, Is.EqualTo("cache unavailable"));
    }

    [Test]
    public async Task Handle_WhenTokenIsRevoked_LogsLogoutWithUsernameAndClientIp()
    {
        // Arrange
        var command = new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1004));
        Assert.That(entry.EventId.Name, Is.EqualTo("Logout"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Username));
        Assert.That(entry.State, Does.ContainKey("ClientIp").WithValue(ClientIp));
        Assert.That(entry.Message, Is.EqualTo($"Logout of {Username} from {ClientIp}"));
    }

    [Test]
    public async Task Handle_WhenStoreFails_LogsNoLogout()
    {
        // Arrange
        _revocations
            .Setup(r => r.RevokeAsync(TokenId, s_expiresAt, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("cache unavailable"));
        var command = new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp);

        // Act
        await Assert.ThatAsync(
            async () => await _handler.Handle(command, CancellationToken.None), Throws.InvalidOperationException);

        // Assert
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenEverywhere_RevokesEveryTokenOfTheEmployeeIssuedBeforeNow()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var command = new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, EmpNo: 500222, Everywhere: true);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert: to the millisecond, so a login a moment later is not caught by it.
        _revocations.Verify(r => r.RevokeAllAsync("500222", s_now, cancellation.Token), Times.Once);
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenEverywhere_KeepsTheInstantInTheEmployeesDatabase()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var command = new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, EmpNo: 500222, Everywhere: true);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert: the revocation store may be one process's memory; the database outlives a restart (written
        // twice: the cutoff, then the instant read after that write, the same here as the fake clock stands).
        _employees.Verify(e => e.SetTokensValidAfterAsync(500222, s_now, cancellation.Token), Times.Exactly(2));
        _employees.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenOneTokenIsLoggedOut_LeavesTheEmployeesDatabaseAlone()
    {
        // Arrange
        var command = new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, EmpNo: 500222);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _employees.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenEverywhere_LogsLoggedOutEverywhere()
    {
        // Arrange
        var command = new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, EmpNo: 500222, Everywhere: true);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.EventId.Name, Is.EqualTo("LoggedOutEverywhere"));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(500222));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Username));
        Assert.That(entry.State, Does.ContainKey("ClientIp").WithValue(ClientIp));
    }

    [Test]
    public async Task Handle_WhenEverywhere_WritesTheDatabaseCutoffFirstThenRevokesUpToAnInstantReadAfterIt()
    {
        // Arrange: a refresh that read the old cutoff may mint a token while the database write is under way.
        var calls = new List<string>();
        _employees
            .Setup(e => e.SetTokensValidAfterAsync(500222, s_now, It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                calls.Add("database");
                _clock.Advance(TimeSpan.FromMilliseconds(40));
            })
            .ReturnsAsync(true);
        _revocations
            .Setup(r => r.RevokeAllAsync("500222", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("revocation store"))
            .Returns(ValueTask.CompletedTask);

        // Act
        await _handler.Handle(new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, EmpNo: 500222, Everywhere: true), CancellationToken.None);

        // Assert: a token minted during the write (iat up to the instant after it) is still refused.
        Assert.That(calls, Is.EqualTo(new[] { "database", "revocation store" }));
        _revocations.Verify(r => r.RevokeAllAsync("500222", s_now.AddMilliseconds(40), It.IsAny<CancellationToken>()), Times.Once);
        // And the database learns the later instant too, for instances that share no revocation store.
        _employees.Verify(e => e.SetTokensValidAfterAsync(500222, s_now.AddMilliseconds(40), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenEverywhere_WritesTheCutoffBeforeEndingTheSessions()
    {
        // Arrange
        var calls = new List<string>();
        _employees
            .Setup(e => e.SetTokensValidAfterAsync(500222, s_now, It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("database"))
            .ReturnsAsync(true);
        _revocations
            .Setup(r => r.RevokeAllAsync("500222", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("revocation store"))
            .Returns(ValueTask.CompletedTask);
        _revocations
            .Setup(r => r.RevokeSessionAsync("family-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("session"))
            .Returns(ValueTask.CompletedTask);
        _refreshTokens
            .Setup(r => r.RevokeFamilyAsync("family-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("family"))
            .ReturnsAsync(true);

        // Act
        await _handler.Handle(
            new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, 500222, Everywhere: true, SessionId: "family-1"), CancellationToken.None);

        // Assert
        Assert.That(calls, Is.EqualTo(new[] { "database", "database", "revocation store", "session", "family" }));
    }

    [Test]
    public void Handle_WhenEverywhereAndEndingTheSessionFails_HasWrittenTheCutoffAlready()
    {
        // Arrange: the database writer congested (or Redis out of reach) while the sessions are being ended.
        _refreshTokens
            .Setup(r => r.RevokeFamilyAsync("family-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException());

        // Act
        Assert.That(
            async () => await _handler.Handle(
                new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, 500222, Everywhere: true, SessionId: "family-1"), CancellationToken.None),
            Throws.TypeOf<TimeoutException>());

        // Assert: every token of the employee is refused all the same.
        _employees.Verify(e => e.SetTokensValidAfterAsync(500222, s_now, It.IsAny<CancellationToken>()), Times.Exactly(2));
        _revocations.Verify(r => r.RevokeAllAsync("500222", s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Handle_WhenTheTokenNamesItsSession_RevokesTheSessionsRefreshFamily(bool everywhere)
    {
        // Act
        await _handler.Handle(new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, 500222, everywhere, SessionId: "family-1"), CancellationToken.None);

        // Assert
        _refreshTokens.Verify(r => r.RevokeFamilyAsync("family-1", s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Handle_WhenTheTokenNamesItsSession_RefusesEveryAccessTokenOfTheSession(bool everywhere)
    {
        // Act
        await _handler.Handle(new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, 500222, everywhere, SessionId: "family-1"), CancellationToken.None);

        // Assert: not only this token's jti; the others issued in the session (by earlier refreshes) too.
        _revocations.Verify(r => r.RevokeSessionAsync("family-1", s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheTokenNamesNoSession_RevokesNoFamily()
    {
        // Act
        await _handler.Handle(new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, 500222), CancellationToken.None);

        // Assert
        _refreshTokens.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTheBrowserSendsItsRefreshCookie_RevokesThatFamilyToo()
    {
        // Arrange
        const string cookie = "browser-refresh-token";
        var family = new RefreshTokenFamily("family-2", 500222, "browser-session", ["user:read"], s_now.AddHours(-1));
        _refreshTokens
            .Setup(r => r.FindAsync(TokenHandles.Hash(cookie), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RefreshTokenRecord(TokenHandles.Hash(cookie), family, s_now.AddMinutes(-5), s_now.AddDays(7)));

        // Act
        await _handler.Handle(
            new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, 500222, SessionId: "family-1", RefreshToken: cookie), CancellationToken.None);

        // Assert
        _refreshTokens.Verify(r => r.RevokeFamilyAsync("family-1", s_now, It.IsAny<CancellationToken>()), Times.Once);
        _refreshTokens.Verify(r => r.RevokeFamilyAsync("family-2", s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync("family-2", s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheRefreshCookieIsAnotherEmployees_LeavesThatFamilyAlone()
    {
        // Arrange
        const string cookie = "someone-elses-refresh-token";
        var family = new RefreshTokenFamily("family-3", 10005, "browser-session", ["user:read"], s_now.AddHours(-1));
        _refreshTokens
            .Setup(r => r.FindAsync(TokenHandles.Hash(cookie), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RefreshTokenRecord(TokenHandles.Hash(cookie), family, s_now.AddMinutes(-5), s_now.AddDays(7)));

        // Act
        await _handler.Handle(new LogoutCommand(TokenId, s_expiresAt, Username, ClientIp, 500222, RefreshToken: cookie), CancellationToken.None);

        // Assert
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
