using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.ImportEmployees;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Employees.ImportEmployees;

public sealed class ImportEmployeesCommandHandlerTests
{
    private const string Hash = "$argon2id$v=19$m=19456,t=2,p=1$initial-salt$initial-hash";

    // Distinctive enough that finding it in a log line cannot be a coincidence.
    private const string SecretPassword = "Tr0ub4dor&3-correct-horse";

    private static readonly ImportSummary s_summary = new(Added: 2, Updated: 0, Skipped: 1);

    private readonly IAsyncEnumerable<ImportedEmployee> _rows = Rows(
        new ImportedEmployee(10001, new DateOnly(1953, 9, 2), "Georgi", "Facello", Gender.M, new DateOnly(1986, 6, 26), "georgi.facello.10001@gmail.com", 1),
        new ImportedEmployee(10002, new DateOnly(1964, 6, 2), "Bezalel", "Simmel", Gender.F, new DateOnly(1985, 11, 21), "bezalel.simmel.10002@gmail.com", 2));

    private readonly IProgress<int> _progress = new Progress<int>();

    private Mock<IEmployeeImport> _import = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private LogCapture _logs = null!;
    private ImportEmployeesCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _import = new Mock<IEmployeeImport>();
        _import
            .Setup(i => i.ImportAsync(
                It.IsAny<IAsyncEnumerable<ImportedEmployee>>(), It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<IProgress<int>?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_summary);
        _passwordHasher = new Mock<IPasswordHasher>();
        _passwordHasher.Setup(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(Hash);
        _logs = new LogCapture();
        _handler = new ImportEmployeesCommandHandler(_import.Object, _passwordHasher.Object, _logs);
    }

    [Test]
    public async Task Handle_WhenAnInitialPasswordIsGiven_HashesItOnceForEveryRow()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var command = new ImportEmployeesCommand(_rows, Update: true, SecretPassword, _progress);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert: one Argon2id hash, not one per row (300,024 would take hours).
        _passwordHasher.Verify(h => h.HashAsync(SecretPassword, cancellation.Token), Times.Once);
        _passwordHasher.VerifyNoOtherCalls();
        _import.Verify(i => i.ImportAsync(_rows, Hash, true, _progress, cancellation.Token), Times.Once);
        _import.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenNoInitialPasswordIsGiven_ImportsRowsThatCannotLogIn()
    {
        // Arrange
        var command = new ImportEmployeesCommand(_rows, Update: false, InitialPassword: null);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert: the sentinel never verifies, and a login against it costs a dummy verify.
        _passwordHasher.VerifyNoOtherCalls();
        _import.Verify(i => i.ImportAsync(_rows, Employee.NoPassword, false, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_ReturnsTheSummaryOfTheImport()
    {
        // Act
        var summary = await _handler.Handle(new ImportEmployeesCommand(_rows, false, null), CancellationToken.None);

        // Assert
        Assert.That(summary, Is.EqualTo(s_summary));
    }

    [TestCase(SecretPassword, true)]
    [TestCase(null, false)]
    public async Task Handle_WhenImported_LogsEmployeesImportedWithTheCounts(string? initialPassword, bool withInitialPassword)
    {
        // Act
        await _handler.Handle(new ImportEmployeesCommand(_rows, false, initialPassword), CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(1013));
        Assert.That(entry.EventId.Name, Is.EqualTo("EmployeesImported"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Added").WithValue(2));
        Assert.That(entry.State, Does.ContainKey("Updated").WithValue(0));
        Assert.That(entry.State, Does.ContainKey("Skipped").WithValue(1));
        Assert.That(entry.State, Does.ContainKey("WithInitialPassword").WithValue(withInitialPassword));
        SecurityLogAssert.NeverContains(_logs.Entries, SecretPassword, Hash);
    }

    [Test]
    public async Task Handle_WhenALineIsBad_PropagatesItsLineNumberAndLogsNoImport()
    {
        // Arrange
        _import
            .Setup(i => i.ImportAsync(
                It.IsAny<IAsyncEnumerable<ImportedEmployee>>(), It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<IProgress<int>?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ImportFormatException(7, "gender must be M or F"));

        // Act
        var exception = await Assert.ThrowsAsync<ImportFormatException>(
            async () => await _handler.Handle(new ImportEmployeesCommand(_rows, false, null), CancellationToken.None));

        // Assert
        Assert.That(exception?.LineNumber, Is.EqualTo(7));
        Assert.That(exception?.Message, Is.EqualTo("Line 7: gender must be M or F"));
        Assert.That(_logs.Entries, Is.Empty);
    }

    private static async IAsyncEnumerable<ImportedEmployee> Rows(params ImportedEmployee[] rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
