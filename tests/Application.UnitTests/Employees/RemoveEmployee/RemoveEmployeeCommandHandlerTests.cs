using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.RemoveEmployee;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Employees.RemoveEmployee;

public sealed class RemoveEmployeeCommandHandlerTests
{
    private const string StoredHash = "$argon2id$v=19$m=19456,t=2,p=1$stored-salt$stored-hash";
    private const string Subject = "500222";

    private static readonly Employee s_employee = SampleEmployees.Behai(StoredHash);
    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 10, 5, 250, TimeSpan.Zero);
    private static readonly RemoveEmployeeCommand s_command = new("  BeHai_Nguyen@Hotmail.COM ");

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private LogCapture _logs = null!;
    private RemoveEmployeeCommandHandler _handler = null!;

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
        _employees.Setup(s => s.RemoveAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _revocations = new Mock<IRevocationStore>();
        _revocations
            .Setup(r => r.RevokeAllAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _logs = new LogCapture();
        _handler = new RemoveEmployeeCommandHandler(_employees.Object, _revocations.Object, new FakeTimeProvider(s_now), _logs);
    }

    [Test]
    public async Task Handle_WhenEmployeeExists_RemovesThemByEmpNo()
    {
        // Act
        var removed = await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        Assert.That(removed, Is.True);
        _employees.Verify(s => s.FindByEmailAsync(SampleEmployees.BehaiEmail, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.RemoveAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()), Times.Once);
        _employees.VerifyNoOtherCalls();
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
    public async Task Handle_RemovesFromTheDatabaseBeforeRevoking()
    {
        // Arrange
        var calls = new List<string>();
        _employees
            .Setup(s => s.RemoveAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
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
        var removed = await _handler.Handle(new RemoveEmployeeCommand("nobody@example.com"), CancellationToken.None);

        // Assert
        Assert.That(removed, Is.False);
        _employees.Verify(s => s.RemoveAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _revocations.VerifyNoOtherCalls();
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenEmployeeIsRemovedMeanwhile_ReturnsFalseAndLogsNothing()
    {
        // Arrange: another command removed them between the lookup and the delete.
        _employees.Setup(s => s.RemoveAsync(s_employee.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        // Act
        var removed = await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        Assert.That(removed, Is.False);
        _revocations.VerifyNoOtherCalls();
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenRemoved_LogsEmployeeRemovedButNotTheHash()
    {
        // Act
        await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1012));
        Assert.That(entry.EventId.Name, Is.EqualTo("EmployeeRemoved"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(SampleEmployees.BehaiEmail));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(s_employee.EmpNo));
        SecurityLogAssert.NeverContains(_logs.Entries, StoredHash);
    }

    [Test]
    public async Task Handle_WhenTheRevocationStoreFails_PropagatesAndStillLogsTheRemoval()
    {
        // Arrange
        _revocations
            .Setup(r => r.RevokeAllAsync(Subject, s_now, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("revocation store unreachable", TimeSpan.FromSeconds(1)));

        // Act
        await Assert.ThatAsync(
            async () => await _handler.Handle(s_command, CancellationToken.None), Throws.TypeOf<ResourceUnavailableException>());

        // Assert
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Is.EqualTo(new[] { 1012 }));
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
        _employees.Verify(s => s.RemoveAsync(s_employee.EmpNo, cancellation.Token), Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now, cancellation.Token), Times.Once);
    }
}
