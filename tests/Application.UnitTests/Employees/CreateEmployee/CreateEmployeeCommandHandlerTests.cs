using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees;
using FastApiLearning.Application.Employees.CreateEmployee;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Employees.CreateEmployee;

public sealed class CreateEmployeeCommandHandlerTests
{
    private const string Email = "zoe.muller@example.com";
    private const string Hash = "$argon2id$v=19$m=19456,t=2,p=1$new-salt$new-hash";

    // Distinctive enough that finding it in a log line cannot be a coincidence.
    private const string SecretPassword = "Tr0ub4dor&3-correct-horse";

    private static readonly DateOnly s_birthDate = new(1990, 2, 28);
    private static readonly DateOnly s_hireDate = new(2024, 9, 1);
    private static readonly EmployeeDetails s_details = new("  Zoe.Muller@Example.COM ", "Zoë", "Müller", Gender.F, s_birthDate, s_hireDate);
    private static readonly NewEmployee s_newEmployee = new(Email, Hash, s_birthDate, "Zoë", "Müller", Gender.F, s_hireDate);
    private static readonly Employee s_stored = new(500223, Email, Hash, s_birthDate, "Zoë", "Müller", Gender.F, s_hireDate);

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private LogCapture _logs = null!;
    private CreateEmployeeCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _employees.Setup(s => s.AddAsync(It.IsAny<NewEmployee>(), It.IsAny<CancellationToken>())).ReturnsAsync(s_stored);
        _passwordHasher = new Mock<IPasswordHasher>();
        _passwordHasher.Setup(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(Hash);
        _logs = new LogCapture();
        _handler = new CreateEmployeeCommandHandler(_employees.Object, _passwordHasher.Object, _logs);
    }

    private static CreateEmployeeCommand Create(params string[] scopes) => new(new Caller(10005, scopes), s_details, SecretPassword);

    [TestCase(Scopes.AdminWrite)]
    [TestCase(Scopes.Super)]
    public async Task Handle_WithAdminWrite_AddsTheNormalizedEmailWithTheHashAndReturnsTheRecordWithoutIt(string scope)
    {
        // Act
        var result = await _handler.Handle(Create(scope), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new CreateEmployeeResult.Created(EmployeeProfile.From(s_stored))));
        _passwordHasher.Verify(h => h.HashAsync(SecretPassword, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.AddAsync(s_newEmployee, It.IsAny<CancellationToken>()), Times.Once);
        _employees.VerifyNoOtherCalls();
    }

    [TestCase(Scopes.AdminRead)]
    [TestCase(Scopes.UserWrite)]
    [TestCase]
    public async Task Handle_WithoutAdminWrite_IsForbiddenBeforeHashingOrStoring(params string[] scopes)
    {
        // Act
        var result = await _handler.Handle(Create(scopes), CancellationToken.None);

        // Assert: hashing is slow on purpose; nobody without the scope may make the server do it.
        Assert.That(result, Is.EqualTo(new CreateEmployeeResult.Forbidden(Scopes.AdminWrite)));
        _passwordHasher.VerifyNoOtherCalls();
        _employees.VerifyNoOtherCalls();
        var denied = _logs.Security(1020).Single();
        Assert.That(denied.Value("Resource"), Is.EqualTo("new employee"));
        Assert.That(denied.Value("RequiredScope"), Is.EqualTo(Scopes.AdminWrite));
    }

    [Test]
    public async Task Handle_WhenTheEmailIsTaken_ReturnsEmailTakenAndLogsNoCreation()
    {
        // Arrange
        _employees
            .Setup(s => s.AddAsync(It.IsAny<NewEmployee>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailTakenException(Email));

        // Act
        var result = await _handler.Handle(Create(Scopes.AdminWrite), CancellationToken.None);

        // Assert
        Assert.That(result, Is.SameAs(CreateEmployeeResult.EmailTaken));
        Assert.That(((CreateEmployeeResult.EmailInUse)result).Message, Is.EqualTo("Can't accept this email. Please specify another"));
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenCreated_LogsWhoAddedWhomButNeitherPasswordNorHash()
    {
        // Act
        await _handler.Handle(Create(Scopes.AdminWrite), CancellationToken.None);

        // Assert
        var entry = _logs.Security(1019).Single();
        Assert.That(entry.EventId.Name, Is.EqualTo("EmployeeCreated"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Value("Username"), Is.EqualTo(Email));
        Assert.That(entry.Value("EmpNo"), Is.EqualTo("500223"));
        Assert.That(entry.Value("CallerEmpNo"), Is.EqualTo("10005"));
        SecurityLogAssert.NeverContains(_logs.Entries, SecretPassword, Hash);
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToPorts()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(Create(Scopes.AdminWrite), cancellation.Token);

        // Assert
        _passwordHasher.Verify(h => h.HashAsync(SecretPassword, cancellation.Token), Times.Once);
        _employees.Verify(s => s.AddAsync(s_newEmployee, cancellation.Token), Times.Once);
    }
}
