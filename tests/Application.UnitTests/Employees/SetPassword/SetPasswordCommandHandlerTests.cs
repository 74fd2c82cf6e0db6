using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.SetPassword;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Employees.SetPassword;

public sealed class SetPasswordCommandHandlerTests
{
    private const string OldHash = "$argon2id$v=19$m=19456,t=2,p=1$old-salt$old-hash";
    private const string NewHash = "$argon2id$v=19$m=19456,t=2,p=1$new-salt$new-hash";
    private const string Subject = "500222";

    // Distinctive enough that finding it in a log line cannot be a coincidence.
    private const string SecretPassword = "Tr0ub4dor&3-correct-horse";

    private static readonly Employee s_employee = SampleEmployees.Behai(OldHash);
    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 10, 5, 250, TimeSpan.Zero);
    private static readonly SetPasswordCommand s_command = new("  BeHai_Nguyen@Hotmail.COM ", SecretPassword);

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private LogCapture _logs = null!;
    private SetPasswordCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _employees
            .Setup(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Employee?)null);
        _employees
            .Setup(s => s.FindByEmailAsync(SampleEmployees.BehaiEmail, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_employee);
        _employees
            .Setup(s => s.SetPasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _passwordHasher = new Mock<IPasswordHasher>();
        _passwordHasher.Setup(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(NewHash);
        _revocations = new Mock<IRevocationStore>();
        _revocations
            .Setup(r => r.RevokeAllAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _logs = new LogCapture();
        _handler = new SetPasswordCommandHandler(
            _employees.Object, _passwordHasher.Object, _revocations.Object, new FakeTimeProvider(s_now), _logs);
    }

    [Test]
    public async Task Handle_CutsOffAgainInTheDatabaseAndInTheStore_AtAnInstantReadAfterTheFirstWrite()
    {
        // Arrange: the write takes 40 ms, in which a refresh that read the old cutoff may mint a token.
        var clock = new FakeTimeProvider(s_now);
        _employees
            .Setup(s => s.SetPasswordHashAsync(s_employee.EmpNo, NewHash, s_now, It.IsAny<CancellationToken>()))
            .Callback(() => clock.Advance(TimeSpan.FromMilliseconds(40)))
            .ReturnsAsync(true);
        var handler = new SetPasswordCommandHandler(_employees.Object, _passwordHasher.Object, _revocations.Object, clock, _logs);

        // Act
        await handler.Handle(s_command, CancellationToken.None);

        // Assert: the database's cutoff is the start; the store's covers the token minted during the write.
        _employees.Verify(s => s.SetPasswordHashAsync(s_employee.EmpNo, NewHash, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now.AddMilliseconds(40), It.IsAny<CancellationToken>()), Times.Once);
        // Without Redis, from another process, only the database reaches the servers: it gets the later instant too.
        _employees.Verify(s => s.SetTokensValidAfterAsync(s_employee.EmpNo, s_now.AddMilliseconds(40), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenEmployeeExists_StoresTheHashOfThePasswordWithNowAsTheTokenCutoff()
    {
        // Act
        var set = await _handler.Handle(s_command, CancellationToken.None);

        // Assert: the cutoff in the database refuses the old tokens on every instance, even from another process.
        Assert.That(set, Is.True);
        _passwordHasher.Verify(h => h.HashAsync(SecretPassword, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.SetPasswordHashAsync(s_employee.EmpNo, NewHash, s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenEmployeeExists_RevokesEveryTokenOfTheEmployeeUpToNow()
    {
        // Act
        await _handler.Handle(s_command, CancellationToken.None);

        // Assert: a shared revocation store (Redis) makes every instance refuse them at once.
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_LooksTheEmployeeUpByTheNormalizedEmail()
    {
        // Act
        await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        _employees.Verify(s => s.FindByEmailAsync(SampleEmployees.BehaiEmail, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WritesTheDatabaseBeforeTheRevocationStore()
    {
        // Arrange: the database is what outlives a restart; it must hold the change whatever follows.
        var calls = new List<string>();
        _employees
            .Setup(s => s.SetPasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("database"))
            .ReturnsAsync(true);
        _revocations
            .Setup(r => r.RevokeAllAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("revocations"))
            .Returns(ValueTask.CompletedTask);

        // Act
        await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        Assert.That(calls, Is.EqualTo(new[] { "database", "revocations" }));
    }

    [Test]
    public async Task Handle_WhenNoEmployeeHasTheEmail_ReturnsFalseAndChangesNothing()
    {
        // Act
        var set = await _handler.Handle(s_command with { Email = "nobody@example.com" }, CancellationToken.None);

        // Assert
        Assert.That(set, Is.False);
        _passwordHasher.Verify(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _employees.Verify(
            s => s.SetPasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Never);
        _revocations.VerifyNoOtherCalls();
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenEmployeeIsRemovedBeforeTheWrite_ReturnsFalseAndRevokesNothing()
    {
        // Arrange
        _employees
            .Setup(s => s.SetPasswordHashAsync(s_employee.EmpNo, NewHash, s_now, It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        // Act
        var set = await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        Assert.That(set, Is.False);
        _revocations.VerifyNoOtherCalls();
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenSet_LogsPasswordSetButNeitherPasswordNorHash()
    {
        // Act
        await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1011));
        Assert.That(entry.EventId.Name, Is.EqualTo("PasswordSet"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(SampleEmployees.BehaiEmail));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(s_employee.EmpNo));
        SecurityLogAssert.NeverContains(_logs.Entries, SecretPassword, NewHash, OldHash);
    }

    [Test]
    public async Task Handle_WhenTheRevocationStoreFails_PropagatesAndStillLogsTheChangeTheDatabaseHolds()
    {
        // Arrange
        _revocations
            .Setup(r => r.RevokeAllAsync(Subject, s_now, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("revocation store unreachable", TimeSpan.FromSeconds(1)));

        // Act
        await Assert.ThatAsync(
            async () => await _handler.Handle(s_command, CancellationToken.None), Throws.TypeOf<ResourceUnavailableException>());

        // Assert
        _employees.Verify(s => s.SetPasswordHashAsync(s_employee.EmpNo, NewHash, s_now, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Is.EqualTo(new[] { 1011 }));
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToPorts()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(s_command, cancellation.Token);

        // Assert
        _employees.Verify(s => s.FindByEmailAsync(SampleEmployees.BehaiEmail, cancellation.Token), Times.Once);
        _passwordHasher.Verify(h => h.HashAsync(SecretPassword, cancellation.Token), Times.Once);
        _employees.Verify(s => s.SetPasswordHashAsync(s_employee.EmpNo, NewHash, s_now, cancellation.Token), Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now, cancellation.Token), Times.Once);
    }
}
