using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Auth.Login;

public sealed class LoginCommandHandlerTests
{
    private const string Email = "behai_nguyen@hotmail.com";
    private const string Password = "password";
    private const string StoredHash = "$argon2id$v=19$m=19456,t=2,p=1$stored-salt$stored-hash";
    private const string DummyHash = "$argon2id$v=19$m=19456,t=2,p=1$dummy-salt$dummy-hash";
    private const string UpgradedHash = "$argon2id$v=19$m=65536,t=3,p=1$new-salt$new-hash";
    private const string ClientIp = "203.0.113.7";

    // Distinctive enough that finding it in a log line cannot be a coincidence.
    private const string SecretPassword = "Tr0ub4dor&3-correct-horse";

    private static readonly Employee s_employee = SampleEmployees.Behai(StoredHash);

    private static readonly AccessToken s_token = new(
        "header.payload.signature",
        "0f8fad5bd9cb469fa16570867728950e",
        new DateTimeOffset(2025, 1, 2, 3, 34, 5, TimeSpan.Zero),
        TimeSpan.FromMinutes(30),
        [Scopes.UserRead]);

    private static readonly TimeSpan s_retryAfter = TimeSpan.FromSeconds(90);
    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private const string ClientSecret = "the-confidential-client's-secret";
    private static readonly OAuthClient s_confidentialClient = new("resource-app", "Resource app", true, [], [Scopes.UserRead], false);
    private static readonly OAuthClient s_publicClient = new("spa", "Single-page app", false, [], [Scopes.UserRead], false);

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private Mock<ILoginThrottle> _throttle = null!;
    private Mock<ITokenIssuer> _tokenIssuer = null!;
    private Mock<IScopeGrantStore> _scopeGrants = null!;
    private Mock<IRefreshTokenStore> _refreshTokens = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private Mock<IClientRegistry> _clients = null!;
    private LogCapture _logs = null!;
    private LoginCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _passwordHasher = new Mock<IPasswordHasher>();
        _tokenIssuer = new Mock<ITokenIssuer>();

        _employees
            .Setup(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Employee?)null);
        _employees
            .Setup(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_employee);
        _passwordHasher.SetupGet(h => h.DummyHash).Returns(DummyHash);
        _passwordHasher
            .Setup(h => h.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Failed);
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Succeeded);
        _passwordHasher
            .Setup(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(UpgradedHash);
        // Nothing changes while a login runs, unless a test says so.
        _employees
            .Setup(s => s.FindTokensValidAfterAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DateTimeOffset.MinValue);
        _employees
            .Setup(s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _tokenIssuer.Setup(i => i.Issue(s_employee, It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>())).Returns(s_token);
        _scopeGrants = new Mock<IScopeGrantStore>();
        _scopeGrants
            .Setup(g => g.FindGrantedScopesAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<string>?)null);

        _throttle = new Mock<ILoginThrottle>();
        _throttle
            .Setup(t => t.TryBeginAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TimeSpan?)null);
        _throttle
            .Setup(t => t.SucceededAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _throttle
            .Setup(t => t.AbandonAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);

        _refreshTokens = new Mock<IRefreshTokenStore>();
        _refreshTokens
            .Setup(r => r.StartFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _revocations = new Mock<IRevocationStore>();
        _clients = new Mock<IClientRegistry>();
        _clients.Setup(c => c.Find(s_confidentialClient.ClientId)).Returns(s_confidentialClient);
        _clients.Setup(c => c.Find(s_publicClient.ClientId)).Returns(s_publicClient);
        _clients.Setup(c => c.IsSecretValid(s_confidentialClient, ClientSecret)).Returns(true);
        var sessions = new TokenSessions(_tokenIssuer.Object, _refreshTokens.Object, RefreshTokenLifetimes.Default, new FakeTimeProvider(s_now));

        _logs = new LogCapture();
        _handler = new LoginCommandHandler(
            _employees.Object, _passwordHasher.Object, sessions, new SessionRevocation(_refreshTokens.Object, _revocations.Object),
            _throttle.Object, _scopeGrants.Object, _clients.Object, new FakeTimeProvider(s_now), _logs);
    }

    [Test]
    public async Task Handle_WhenCredentialsAreCorrect_ReturnsSucceededWithIssuedToken()
    {
        // Arrange
        var command = new LoginCommand(Email, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That((result as LoginResult.Succeeded)?.Token, Is.EqualTo(s_token));
        _tokenIssuer.Verify(i => i.Issue(s_employee, It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenPasswordIsWrong_ReturnsFailure()
    {
        // Arrange
        var command = new LoginCommand(Email, "wrong password");

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.Failed>());
        Assert.That(((LoginResult.Failed)result).Message, Is.EqualTo("Incorrect username or password"));
        _passwordHasher.Verify(h => h.VerifyAsync("wrong password", StoredHash, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenPasswordIsWrong_ReadsNothingMoreThanForAnUnknownUser()
    {
        // Act
        await _handler.Handle(new LoginCommand(Email, "wrong password"), CancellationToken.None);

        // Assert: a read only a known account costs (its cutoff) would tell it from an unknown email by timing.
        _employees.Verify(s => s.FindTokensValidAfterAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenUserIsUnknown_ReturnsSameFailure()
    {
        // Arrange
        var command = new LoginCommand("nobody@example.com", Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        Assert.That(((LoginResult.Failed)result).Message, Is.EqualTo("Incorrect username or password"));
    }

    [Test]
    public async Task Handle_WhenUserIsUnknown_VerifiesAgainstDummyHash()
    {
        // Arrange
        var command = new LoginCommand("nobody@example.com", Password);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _passwordHasher.Verify(h => h.VerifyAsync(Password, DummyHash, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenUserIsUnknownAndDummyHashVerifies_StillReturnsFailure()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(It.IsAny<string>(), DummyHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Succeeded);
        var command = new LoginCommand("nobody@example.com", Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.Failed>());
        _tokenIssuer.Verify(i => i.Issue(It.IsAny<Employee>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenEmployeeHasNoPassword_VerifiesOnceAgainstDummyHashAndFails()
    {
        // Arrange: imported without a password; the login must cost what an unknown user's costs.
        _employees
            .Setup(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(SampleEmployees.Behai(Employee.NoPassword));
        var command = new LoginCommand(Email, Password, ClientIp: ClientIp);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        _passwordHasher.Verify(h => h.VerifyAsync(Password, DummyHash, It.IsAny<CancellationToken>()), Times.Once);
        _passwordHasher.Verify(
            h => h.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        _tokenIssuer.Verify(i => i.Issue(It.IsAny<Employee>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenEmployeeHasNoPasswordAndTheSentinelWouldVerify_StillFails()
    {
        // Arrange: the sentinel is never handed to the hasher, so no hasher can take it for a hash.
        _employees
            .Setup(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(SampleEmployees.Behai(Employee.NoPassword));
        _passwordHasher
            .Setup(h => h.VerifyAsync(It.IsAny<string>(), Employee.NoPassword, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Succeeded);
        var command = new LoginCommand(Email, Employee.NoPassword);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        _passwordHasher.Verify(
            h => h.VerifyAsync(It.IsAny<string>(), Employee.NoPassword, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenEmployeeHasNoPassword_LeavesTheAttemptCountedAndLogsLoginFailed()
    {
        // Arrange
        _employees
            .Setup(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(SampleEmployees.Behai(Employee.NoPassword));
        var command = new LoginCommand(Email, Password, ClientIp: ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _throttle.Verify(t => t.SucceededAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
        _throttle.Verify(t => t.AbandonAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Is.EqualTo(new[] { 1002 }));
    }

    [TestCase("  BeHai_Nguyen@Hotmail.COM ")]
    [TestCase("BEHAI_NGUYEN@HOTMAIL.COM")]
    [TestCase("\tbehai_nguyen@hotmail.com\n")]
    public async Task Handle_WhenUsernameDiffersInCaseOrWhitespace_LooksUpNormalizedEmail(string username)
    {
        // Arrange
        var command = new LoginCommand(username, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That((result as LoginResult.Succeeded)?.Token, Is.EqualTo(s_token));
        // Twice: to log in, and to check the password after the session is stored.
        _employees.Verify(s => s.FindByEmailAsync("behai_nguyen@hotmail.com", It.IsAny<CancellationToken>()), Times.Exactly(2));
        _employees.Verify(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Handle_WhenHashNeedsUpgrade_ReturnsSucceeded()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        var command = new LoginCommand(Email, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That((result as LoginResult.Succeeded)?.Token, Is.EqualTo(s_token));
    }

    [TestCase(Email, "wrong password")]
    [TestCase("nobody@example.com", Password)]
    public async Task Handle_WhenLoginFails_IssuesNoToken(string username, string password)
    {
        // Arrange
        var command = new LoginCommand(username, password);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _tokenIssuer.Verify(i => i.Issue(It.IsAny<Employee>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()), Times.Never);
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToPorts()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var command = new LoginCommand(Email, Password);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert
        _employees.Verify(s => s.FindByEmailAsync(Email, cancellation.Token), Times.Exactly(2));
        _employees.Verify(s => s.FindTokensValidAfterAsync(s_employee.EmpNo, cancellation.Token), Times.Exactly(2));
        _passwordHasher.Verify(h => h.VerifyAsync(Password, StoredHash, cancellation.Token), Times.Once);
    }

    [Test]
    public async Task Handle_WhenThrottled_ReturnsThrottledWithRetryAfter()
    {
        // Arrange
        _throttle
            .Setup(t => t.TryBeginAsync(new LoginAttempt(Email, ClientIp, null), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TimeSpan?)s_retryAfter);
        var command = new LoginCommand(Email, Password, ClientIp: ClientIp);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new LoginResult.Throttled(s_retryAfter)));
    }

    [Test]
    public async Task Handle_WhenThrottled_NeitherVerifiesPasswordNorIssuesToken()
    {
        // Arrange
        _throttle
            .Setup(t => t.TryBeginAsync(new LoginAttempt(Email, ClientIp, null), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TimeSpan?)s_retryAfter);
        var command = new LoginCommand(Email, Password, ClientIp: ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _passwordHasher.Verify(
            h => h.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _employees.Verify(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _tokenIssuer.Verify(i => i.Issue(It.IsAny<Employee>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenThrottled_SettlesNothing()
    {
        // Arrange
        _throttle
            .Setup(t => t.TryBeginAsync(new LoginAttempt(Email, ClientIp, null), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TimeSpan?)s_retryAfter);
        var command = new LoginCommand(Email, Password, ClientIp: ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _throttle.Verify(t => t.SucceededAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
        _throttle.Verify(t => t.AbandonAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("  BeHai_Nguyen@Hotmail.COM ", ClientIp, null)]
    [TestCase("BEHAI_NGUYEN@HOTMAIL.COM", null, "device-1")]
    public async Task Handle_BeginsAttemptWithNormalizedUsernameClientIpAndDevice(string username, string? clientIp, string? deviceId)
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var command = new LoginCommand(username, Password, ClientIp: clientIp, DeviceId: deviceId);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert
        _throttle.Verify(t => t.TryBeginAsync(new LoginAttempt(Email, clientIp, deviceId), cancellation.Token), Times.Once);
        _throttle.Verify(t => t.TryBeginAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_BeginsAttemptBeforeLookingUpOrVerifying()
    {
        // Arrange: a burst is only bounded when the count comes before the (slow) verification.
        var calls = new List<string>();
        _throttle
            .Setup(t => t.TryBeginAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("begin"))
            .ReturnsAsync((TimeSpan?)null);
        _employees
            .Setup(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("find"))
            .ReturnsAsync(s_employee);
        _passwordHasher
            .Setup(h => h.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("verify"))
            .ReturnsAsync(PasswordCheck.Failed);

        // Act
        await _handler.Handle(new LoginCommand(Email, "wrong password", ClientIp: ClientIp), CancellationToken.None);

        // Assert
        Assert.That(calls, Is.EqualTo(new[] { "begin", "find", "verify" }));
    }

    [TestCase("  BeHai_Nguyen@Hotmail.COM ", "wrong password", Email)]
    [TestCase(" Nobody@Example.com", Password, "nobody@example.com")]
    public async Task Handle_WhenLoginFails_LeavesTheAttemptCounted(string username, string password, string normalizedUsername)
    {
        // Arrange
        var command = new LoginCommand(username, password, ClientIp: ClientIp);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        _throttle.Verify(
            t => t.TryBeginAsync(new LoginAttempt(normalizedUsername, ClientIp, null), It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.SucceededAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
        _throttle.Verify(t => t.AbandonAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenCredentialsAreCorrect_SettlesTheAttemptAsSucceeded()
    {
        // Arrange
        var command = new LoginCommand("  BeHai_Nguyen@Hotmail.COM ", Password, ClientIp: ClientIp, DeviceId: "device-1");

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _throttle.Verify(
            t => t.SucceededAsync(new LoginAttempt(Email, ClientIp, "device-1"), It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.AbandonAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void Handle_WhenThePasswordCannotBeChecked_GivesTheAttemptBack()
    {
        // Arrange: the hashing queue is full, so no password was checked and no guess was made.
        _passwordHasher
            .Setup(h => h.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("busy", TimeSpan.FromSeconds(1)));
        var command = new LoginCommand(Email, Password, ClientIp: ClientIp);

        // Act
        Assert.ThrowsAsync<ResourceUnavailableException>(async () => await _handler.Handle(command, CancellationToken.None));

        // Assert
        _throttle.Verify(
            t => t.AbandonAsync(new LoginAttempt(Email, ClientIp, null), It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.SucceededAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenHashNeedsUpgrade_StoresNewHashOfPassword()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        var command = new LoginCommand(Email, Password);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _passwordHasher.Verify(h => h.HashAsync(Password, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(s_employee.EmpNo, StoredHash, UpgradedHash, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenAnotherLoginUpgradedTheHashFirst_StillSucceedsWithoutLoggingAnUpgrade()
    {
        // Arrange: two logins raced to upgrade; the other one's conditional write replaced the hash first.
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        _employees
            .Setup(s => s.ReplacePasswordHashAsync(s_employee.EmpNo, StoredHash, UpgradedHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);
        var command = new LoginCommand(Email, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That((result as LoginResult.Succeeded)?.Token, Is.EqualTo(s_token));
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(s_employee.EmpNo, StoredHash, UpgradedHash, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Is.EqualTo(new[] { 1001 }));
    }

    [Test]
    public async Task Handle_WhenLegacyHashIsKept_SucceedsWithoutRehashingAndLogsIt()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededLegacyHashKept);
        var command = new LoginCommand(Email, Password, ClientIp: ClientIp);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That((result as LoginResult.Succeeded)?.Token, Is.EqualTo(s_token));
        _passwordHasher.Verify(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _throttle.Verify(t => t.SucceededAsync(new LoginAttempt(Email, ClientIp, null), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Is.EquivalentTo(new[] { 1009, 1001 }));
        var kept = _logs.Entries.Single(e => e.EventId.Id == 1009);
        Assert.That(kept.EventId.Name, Is.EqualTo("LegacyHashKept"));
        Assert.That(kept.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(kept.State, Does.ContainKey("EmpNo").WithValue(s_employee.EmpNo));
    }

    [Test]
    public async Task Handle_WhenHashIsCurrent_DoesNotRehash()
    {
        // Arrange
        var command = new LoginCommand(Email, Password);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _passwordHasher.Verify(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenPasswordIsWrong_DoesNotRehash()
    {
        // Arrange
        var command = new LoginCommand(Email, "wrong password");

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _passwordHasher.Verify(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenRehashingIsUnavailable_StillSucceedsWithToken()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        _passwordHasher
            .Setup(h => h.HashAsync(Password, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("hashing queue is full", TimeSpan.FromSeconds(1)));
        var command = new LoginCommand(Email, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That((result as LoginResult.Succeeded)?.Token, Is.EqualTo(s_token));
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Is.EqualTo(new[] { 1001 }));
    }

    [Test]
    public async Task Handle_WhenStoringUpgradedHashIsUnavailable_StillSucceedsWithToken()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        _employees
            .Setup(s => s.ReplacePasswordHashAsync(s_employee.EmpNo, StoredHash, UpgradedHash, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("database busy", TimeSpan.FromSeconds(1)));
        var command = new LoginCommand(Email, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That((result as LoginResult.Succeeded)?.Token, Is.EqualTo(s_token));
    }

    [Test]
    public async Task Handle_WhenHashNeedsUpgrade_PassesCancellationTokenToUpgrade()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        var command = new LoginCommand(Email, Password);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert
        _passwordHasher.Verify(h => h.HashAsync(Password, cancellation.Token), Times.Once);
        _employees.Verify(s => s.ReplacePasswordHashAsync(s_employee.EmpNo, StoredHash, UpgradedHash, cancellation.Token), Times.Once);
    }

    [TestCase("  BeHai_Nguyen@Hotmail.COM ", Email)]
    [TestCase(" Nobody@Example.com", "nobody@example.com")]
    public async Task Handle_WhenLoginFails_LogsLoginFailedWithNormalizedUsernameAndClientIp(
        string username, string normalizedUsername)
    {
        // Arrange
        var command = new LoginCommand(username, SecretPassword, ClientIp: ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1002));
        Assert.That(entry.EventId.Name, Is.EqualTo("LoginFailed"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(normalizedUsername));
        Assert.That(entry.State, Does.ContainKey("ClientIp").WithValue(ClientIp));
        Assert.That(entry.Message, Is.EqualTo($"Login failed for {normalizedUsername} from {ClientIp}"));
    }

    [TestCase(Email)]
    [TestCase("nobody@example.com")]
    public async Task Handle_WhenLoginFails_NeverLogsThePassword(string username)
    {
        // Arrange
        var command = new LoginCommand(username, SecretPassword, ClientIp: ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        AssertNoLogEntryContains(SecretPassword);
    }

    [Test]
    public async Task Handle_WhenCredentialsAreCorrect_LogsLoginSucceeded()
    {
        // Arrange
        var command = new LoginCommand("  BeHai_Nguyen@Hotmail.COM ", Password, ClientIp: ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1001));
        Assert.That(entry.EventId.Name, Is.EqualTo("LoginSucceeded"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Email));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(s_employee.EmpNo));
        Assert.That(entry.State, Does.ContainKey("ClientIp").WithValue(ClientIp));
    }

    [Test]
    public async Task Handle_WhenHashIsUpgraded_LogsUpgradeButNeitherPasswordNorHash()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(SecretPassword, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        var command = new LoginCommand(Email, SecretPassword, ClientIp: ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Is.EquivalentTo(new[] { 1006, 1001 }));
        var upgraded = _logs.Entries.Single(e => e.EventId.Id == 1006);
        Assert.That(upgraded.EventId.Name, Is.EqualTo("PasswordHashUpgraded"));
        Assert.That(upgraded.State, Does.ContainKey("EmpNo").WithValue(s_employee.EmpNo));
        AssertNoLogEntryContains(SecretPassword);
        AssertNoLogEntryContains(UpgradedHash);
        AssertNoLogEntryContains(StoredHash);
    }

    [Test]
    public async Task Handle_WhenThrottled_LogsLoginThrottledWithRetryAfterSeconds()
    {
        // Arrange
        _throttle
            .Setup(t => t.TryBeginAsync(new LoginAttempt(Email, ClientIp, null), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TimeSpan?)s_retryAfter);
        var command = new LoginCommand("  BeHai_Nguyen@Hotmail.COM ", SecretPassword, ClientIp: ClientIp);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1003));
        Assert.That(entry.EventId.Name, Is.EqualTo("LoginThrottled"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Email));
        Assert.That(entry.State, Does.ContainKey("ClientIp").WithValue(ClientIp));
        Assert.That(entry.State, Does.ContainKey("RetryAfterSeconds").WithValue(90));
        AssertNoLogEntryContains(SecretPassword);
    }

    private static IEnumerable<TestCaseData> Grants()
    {
        // held (null: nothing recorded), requested scope, granted
        yield return new TestCaseData(null, null, new[] { Scopes.UserRead })
            .SetName("{m}(NothingRecorded_NoRequest_GetsUserRead)");
        yield return new TestCaseData(new[] { Scopes.UserRead, Scopes.UserWrite }, null, new[] { Scopes.UserRead, Scopes.UserWrite })
            .SetName("{m}(NoRequest_GetsEverythingHeld)");
        yield return new TestCaseData(new[] { Scopes.UserRead, Scopes.UserWrite }, "  ", new[] { Scopes.UserRead, Scopes.UserWrite })
            .SetName("{m}(BlankRequest_GetsEverythingHeld)");
        yield return new TestCaseData(Array.Empty<string>(), null, Array.Empty<string>())
            .SetName("{m}(ExplicitlyNone_NoRequest_GetsATokenWithoutScopes)");
        yield return new TestCaseData(new[] { Scopes.Super }, null, new[] { Scopes.Super })
            .SetName("{m}(Super_NoRequest_GetsTheNameNotItsInclusions)");
        yield return new TestCaseData(new[] { Scopes.AdminWrite }, "admin:read", new[] { Scopes.AdminRead })
            .SetName("{m}(RequestIncludedByAHeldScope_GetsTheRequestedName)");
        yield return new TestCaseData(new[] { Scopes.AdminRead }, "super:* admin:write user:read admin:read", new[] { Scopes.UserRead, Scopes.AdminRead })
            .SetName("{m}(RequestBeyondWhatIsHeld_IsNarrowedToWhatIsHeld)");
        yield return new TestCaseData(null, "user:read user:write", new[] { Scopes.UserRead })
            .SetName("{m}(NothingRecorded_RequestBeyondUserRead_IsNarrowedToUserRead)");
        yield return new TestCaseData(new[] { Scopes.UserRead, "retired:scope" }, null, new[] { Scopes.UserRead })
            .SetName("{m}(AHeldNameTheServiceNoLongerKnows_IsNeverIssued)");
    }

    [TestCaseSource(nameof(Grants))]
    public async Task Handle_WhenCredentialsAreCorrect_IssuesTheTokenWithTheGrantedScopeNames(
        string[]? held, string? requested, string[] granted)
    {
        // Arrange
        _scopeGrants
            .Setup(g => g.FindGrantedScopesAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(held);
        var command = new LoginCommand(Email, Password, Scope: requested);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That((result as LoginResult.Succeeded)?.Token, Is.EqualTo(s_token));
        Assert.That(IssuedScopes(), Is.EqualTo(granted));
    }

    [TestCase("admin:read")]
    [TestCase("admin:read admin:write super:*")]
    public async Task Handle_WhenNoRequestedScopeIsHeld_ReturnsScopeRefusedAndIssuesNoToken(string requested)
    {
        // Arrange
        _scopeGrants
            .Setup(g => g.FindGrantedScopesAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Scopes.UserRead, Scopes.UserWrite]);
        var command = new LoginCommand(Email, Password, ClientIp: ClientIp, Scope: requested);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.ScopeRefused>());
        Assert.That(((LoginResult.ScopeRefused)result).Message, Is.EqualTo("None of the requested scopes is granted to this user"));
        _tokenIssuer.Verify(i => i.Issue(It.IsAny<Employee>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenAnExplicitlyNoneEmployeeRequestsAScope_ReturnsScopeRefused()
    {
        // Arrange
        _scopeGrants
            .Setup(g => g.FindGrantedScopesAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);
        var command = new LoginCommand(Email, Password, Scope: Scopes.UserRead);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.ScopeRefused>());
    }

    [Test]
    public async Task Handle_WhenNoRequestedScopeIsHeld_SettlesTheAttemptAsSucceededAndLogsTheRefusal()
    {
        // Arrange: the password was right, so it was no guess; the refusal is logged, not a success.
        var command = new LoginCommand(Email, SecretPassword, ClientIp: ClientIp, Scope: "admin:write");
        _passwordHasher
            .Setup(h => h.VerifyAsync(SecretPassword, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Succeeded);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _throttle.Verify(t => t.SucceededAsync(new LoginAttempt(Email, ClientIp, null), It.IsAny<CancellationToken>()), Times.Once);
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1017));
        Assert.That(entry.EventId.Name, Is.EqualTo("LoginScopeRefused"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Email));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(s_employee.EmpNo));
        Assert.That(entry.State, Does.ContainKey("Scope").WithValue("admin:write"));
        AssertNoLogEntryContains(SecretPassword);
    }

    [TestCase(Email, "wrong password")]
    [TestCase("nobody@example.com", Password)]
    public async Task Handle_WhenLoginFails_NeverReadsTheGrants(string username, string password)
    {
        // Arrange: what an account holds must not decide any answer to someone without its password.
        var command = new LoginCommand(username, password, Scope: Scopes.Super);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        _scopeGrants.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_ReadsTheGrantsAfterVerifyingThePasswordWithTheEmpNoAndCancellationToken()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var calls = new List<string>();
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("verify"))
            .ReturnsAsync(PasswordCheck.Succeeded);
        _scopeGrants
            .Setup(g => g.FindGrantedScopesAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("grants"))
            .ReturnsAsync((IReadOnlyList<string>?)null);

        // Act
        await _handler.Handle(new LoginCommand(Email, Password), cancellation.Token);

        // Assert
        Assert.That(calls, Is.EqualTo(new[] { "verify", "grants" }));
        _scopeGrants.Verify(g => g.FindGrantedScopesAsync(s_employee.EmpNo, cancellation.Token), Times.Once);
    }

    [Test]
    public void Handle_WhenTheGrantsCannotBeRead_PropagatesAndIssuesNoToken()
    {
        // Arrange
        _scopeGrants
            .Setup(g => g.FindGrantedScopesAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("database busy", TimeSpan.FromSeconds(1)));

        // Act
        Assert.ThrowsAsync<ResourceUnavailableException>(async () => await _handler.Handle(new LoginCommand(Email, Password), CancellationToken.None));

        // Assert
        _tokenIssuer.Verify(i => i.Issue(It.IsAny<Employee>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<AccessTokenSession?>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenCredentialsAreCorrect_StartsARefreshFamilyForTheGrantedScopes()
    {
        // Arrange
        RefreshTokenFamily? family = null;
        string? storedHash = null;
        _refreshTokens
            .Setup(r => r.StartFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((RefreshTokenFamily f, string hash, DateTimeOffset _, CancellationToken _) => (family, storedHash) = (f, hash))
            .ReturnsAsync(true);

        // Act
        var result = await _handler.Handle(new LoginCommand(Email, Password), CancellationToken.None);

        // Assert
        var tokens = ((LoginResult.Succeeded)result).Tokens;
        Assert.That(family, Is.Not.Null);
        Assert.That(family!.EmpNo, Is.EqualTo(s_employee.EmpNo));
        Assert.That(family.ClientId, Is.Empty, "anonymous");
        Assert.That(family.Scopes, Is.EqualTo(new[] { Scopes.UserRead }));
        Assert.That(family.StartedAt, Is.EqualTo(s_now));
        Assert.That(tokens.FamilyId, Is.EqualTo(family.FamilyId));
        Assert.That(storedHash, Is.EqualTo(TokenHandles.Hash(tokens.RefreshToken)), "only the hash is stored");
        Assert.That(tokens.RefreshTokenExpiresAt, Is.EqualTo(s_now + RefreshTokenLifetimes.Default.Idle));
        _tokenIssuer.Verify(i => i.Issue(s_employee, It.IsAny<IReadOnlyList<string>>(), new AccessTokenSession(family.FamilyId, "")), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheEmployeeIsRemovedBeforeTheSessionIsStored_FailsAsForAnUnknownUser()
    {
        // Arrange: the database refuses the family (its employee is gone since the password was checked).
        _refreshTokens
            .Setup(r => r.StartFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        // Act
        var result = await _handler.Handle(new LoginCommand(Email, Password), CancellationToken.None);

        // Assert
        Assert.That(result, Is.SameAs(LoginResult.InvalidCredentials));
    }

    [Test]
    public async Task Handle_WhenThePasswordIsSetWhileTheLoginRuns_EndsTheNewSessionAndFails()
    {
        // Arrange: the old password verified, then an administrator's new one was stored before the session was read back.
        const string newHash = "$argon2id$v=19$m=19456,t=2,p=1$reset-salt$reset-hash";
        _employees
            .SetupSequence(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_employee)
            .ReturnsAsync(s_employee with { PasswordHash = newHash });
        string? familyId = null;
        _refreshTokens
            .Setup(r => r.StartFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((RefreshTokenFamily f, string _, DateTimeOffset _, CancellationToken _) => familyId = f.FamilyId)
            .ReturnsAsync(true);

        // Act
        var result = await _handler.Handle(new LoginCommand(Email, Password, ClientIp: ClientIp), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        Assert.That(familyId, Is.Not.Null);
        _passwordHasher.Verify(h => h.VerifyAsync(Password, newHash, It.IsAny<CancellationToken>()), Times.Once);
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(familyId!, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync(familyId!, s_now, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_logs.Entries.Select(e => e.EventId.Name), Does.Contain("LoginFailed").And.No.Contain("LoginSucceeded"));
    }

    [Test]
    public async Task Handle_WhenTheCutoffMovesWhileTheLoginRuns_EndsTheNewSessionAndFails()
    {
        // Arrange: a grant changed (or a password set, or "log out everywhere") committed between the reads.
        _employees
            .SetupSequence(s => s.FindTokensValidAfterAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DateTimeOffset.MinValue)
            .ReturnsAsync(s_now);

        // Act
        var result = await _handler.Handle(new LoginCommand(Email, Password), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(It.IsAny<string>(), s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync(It.IsAny<string>(), s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheEmployeeIsRemovedWhileTheLoginRuns_EndsTheNewSessionAndFails()
    {
        // Arrange
        _employees
            .SetupSequence(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_employee)
            .ReturnsAsync((Employee?)null);

        // Act
        var result = await _handler.Handle(new LoginCommand(Email, Password), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(It.IsAny<string>(), s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenAnotherHashOfTheSamePasswordIsStoredMeanwhile_VerifiesAgainstItAndSucceeds()
    {
        // Arrange: another login upgraded the same password's hash while this one ran.
        const string otherUpgrade = "$argon2id$v=19$m=65536,t=3,p=1$other-salt$other-hash";
        _employees
            .SetupSequence(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_employee)
            .ReturnsAsync(s_employee with { PasswordHash = otherUpgrade });
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, otherUpgrade, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Succeeded);

        // Act
        var result = await _handler.Handle(new LoginCommand(Email, Password), CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.Succeeded>());
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenThisLoginUpgradedTheHash_SucceedsWithoutVerifyingAgain()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        _employees
            .SetupSequence(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_employee)
            .ReturnsAsync(s_employee with { PasswordHash = UpgradedHash });

        // Act
        var result = await _handler.Handle(new LoginCommand(Email, Password), CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.Succeeded>());
        _passwordHasher.Verify(h => h.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_FromTheBrowserSession_StartsTheFamilyForTheBrowserSessionWhateverTheFormSays()
    {
        // Act
        await _handler.Handle(
            new LoginCommand(Email, Password, Client: new ClientCredentials(s_publicClient.ClientId, null), BrowserSession: true), CancellationToken.None);

        // Assert
        _refreshTokens.Verify(r => r.StartFamilyAsync(
            It.Is<RefreshTokenFamily>(f => f.ClientId == AuthenticatedClient.BrowserSessionId),
            It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase("resource-app", ClientSecret, "resource-app")]
    [TestCase("spa", null, "spa")]
    [TestCase("spa", "", "spa")]
    [TestCase("nobody-registered-this", "whatever", "")]
    [TestCase(AuthenticatedClient.BrowserSessionId, null, "")]
    [TestCase(null, "a-secret-without-a-client", "")]
    public async Task Handle_WithClientCredentials_BindsTheFamilyToTheAuthenticatedClient(string? clientId, string? secret, string boundTo)
    {
        // Act
        var result = await _handler.Handle(new LoginCommand(Email, Password, Client: new ClientCredentials(clientId, secret)), CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.Succeeded>());
        _refreshTokens.Verify(r => r.StartFamilyAsync(
            It.Is<RefreshTokenFamily>(f => f.ClientId == boundTo), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_ForARegisteredClient_GrantsNoScopeBeyondWhatTheClientIsRegisteredFor()
    {
        // Arrange: the employee holds admin:read too; "spa" is registered for user:read only.
        _scopeGrants
            .Setup(g => g.FindGrantedScopesAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Scopes.UserRead, Scopes.AdminRead]);

        // Act
        var everything = await _handler.Handle(new LoginCommand(Email, Password, Client: new ClientCredentials("spa", null)), CancellationToken.None);
        var askedForAdmin = await _handler.Handle(
            new LoginCommand(Email, Password, Scope: Scopes.AdminRead, Client: new ClientCredentials("spa", null)), CancellationToken.None);
        var anonymous = await _handler.Handle(new LoginCommand(Email, Password), CancellationToken.None);

        // Assert
        Assert.That(everything, Is.TypeOf<LoginResult.Succeeded>());
        Assert.That(askedForAdmin, Is.TypeOf<LoginResult.ScopeRefused>());
        Assert.That(anonymous, Is.TypeOf<LoginResult.Succeeded>());
        _tokenIssuer.Verify(i => i.Issue(
            s_employee, It.Is<IReadOnlyList<string>>(scopes => scopes.SequenceEqual(new[] { Scopes.UserRead })), It.IsAny<AccessTokenSession?>()), Times.Once);
        _tokenIssuer.Verify(i => i.Issue(
            s_employee, It.Is<IReadOnlyList<string>>(scopes => scopes.SequenceEqual(new[] { Scopes.UserRead, Scopes.AdminRead })), It.IsAny<AccessTokenSession?>()), Times.Once);
    }

    [TestCase("resource-app", null)]
    [TestCase("resource-app", "")]
    [TestCase("resource-app", "wrong secret")]
    [TestCase("spa", "a public client has no secret")]
    public async Task Handle_WhenARegisteredClientDoesNotProveItself_RefusesTheClientBeforeTheAccount(string clientId, string? secret)
    {
        // Act
        var result = await _handler.Handle(
            new LoginCommand(Email, Password, ClientIp, Client: new ClientCredentials(clientId, secret)), CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.InvalidClient>());
        Assert.That(((LoginResult.InvalidClient)result).Message, Is.EqualTo("Client authentication failed"));
        _throttle.Verify(t => t.TryBeginAsync(It.IsAny<LoginAttempt>(), It.IsAny<CancellationToken>()), Times.Never);
        _passwordHasher.Verify(h => h.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _refreshTokens.VerifyNoOtherCalls();
        Assert.That(_logs.Entries.Select(e => e.EventId.Name), Is.EqualTo(new[] { "ClientAuthenticationFailed" }));
        if (secret is { Length: > 0 })
        {
            AssertNoLogEntryContains(secret);
        }
    }

    private IReadOnlyList<string>? IssuedScopes() =>
        _tokenIssuer.Invocations.SingleOrDefault(i => i.Method.Name == nameof(ITokenIssuer.Issue))?.Arguments[1] as IReadOnlyList<string>;

    private void AssertNoLogEntryContains(string secret) => SecurityLogAssert.NeverContains(_logs.Entries, secret);
}
