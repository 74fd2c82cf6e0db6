using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.AddEmployee;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Employees.AddEmployee;

public sealed class AddEmployeeCommandHandlerTests
{
    private const string Email = "zoe.muller@example.com";
    private const string Hash = "$argon2id$v=19$m=19456,t=2,p=1$new-salt$new-hash";

    // Distinctive enough that finding it in a log line cannot be a coincidence.
    private const string SecretPassword = "Tr0ub4dor&3-correct-horse";

    private static readonly DateOnly s_birthDate = new(1990, 2, 28);
    private static readonly DateOnly s_hireDate = new(2024, 9, 1);

    private static readonly AddEmployeeCommand s_command = new(
        "  Zoe.Muller@Example.COM ", "Zoë", "Müller", Gender.F, s_birthDate, s_hireDate, SecretPassword);

    private static readonly NewEmployee s_newEmployee = new(Email, Hash, s_birthDate, "Zoë", "Müller", Gender.F, s_hireDate);

    private static readonly Employee s_stored = new(500223, Email, Hash, s_birthDate, "Zoë", "Müller", Gender.F, s_hireDate);

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private LogCapture _logs = null!;
    private AddEmployeeCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _employees.Setup(s => s.AddAsync(It.IsAny<NewEmployee>(), It.IsAny<CancellationToken>())).ReturnsAsync(s_stored);
        _passwordHasher = new Mock<IPasswordHasher>();
        _passwordHasher.Setup(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(Hash);
        _logs = new LogCapture();
        _handler = new AddEmployeeCommandHandler(_employees.Object, _passwordHasher.Object, _logs);
    }

    [Test]
    public async Task Handle_WhenEmailIsFree_AddsTheNormalizedEmailWithTheHashOfThePassword()
    {
        // Act
        await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        _passwordHasher.Verify(h => h.HashAsync(SecretPassword, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.AddAsync(s_newEmployee, It.IsAny<CancellationToken>()), Times.Once);
        _employees.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenEmailIsFree_ReturnsTheEmployeeAsStored()
    {
        // Act
        var employee = await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        Assert.That(employee, Is.EqualTo(s_stored));
    }

    [Test]
    public async Task Handle_WhenEmailIsTaken_PropagatesEmailTakenException()
    {
        // Arrange
        _employees
            .Setup(s => s.AddAsync(It.IsAny<NewEmployee>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailTakenException(Email));

        // Act
        var exception = await Assert.ThrowsAsync<EmailTakenException>(
            async () => await _handler.Handle(s_command, CancellationToken.None));

        // Assert
        Assert.That(exception?.Email, Is.EqualTo(Email));
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenAdded_LogsEmployeeAddedButNeitherPasswordNorHash()
    {
        // Act
        await _handler.Handle(s_command, CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1010));
        Assert.That(entry.EventId.Name, Is.EqualTo("EmployeeAdded"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Email));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(500223));
        SecurityLogAssert.NeverContains(_logs.Entries, SecretPassword, Hash);
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToPorts()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(s_command, cancellation.Token);

        // Assert
        _passwordHasher.Verify(h => h.HashAsync(SecretPassword, cancellation.Token), Times.Once);
        _employees.Verify(s => s.AddAsync(s_newEmployee, cancellation.Token), Times.Once);
    }
}
