using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.WrapLegacyHashes;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Employees.WrapLegacyHashes;

public sealed class WrapLegacyHashesCommandHandlerTests
{
    private const string CurrentHash = "$argon2id$v=19$m=19456,t=2,p=1$current-salt$current-hash";
    private const string BcryptHash = "$2b$12$bcrypt-salt-and-hash";
    private const string WeakArgon2Hash = "$argon2id$v=19$m=4096,t=1,p=4$weak-salt$weak-hash";
    private const int LegacyHashesWrappedEvent = 1014;

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private LogCapture _logs = null!;
    private WrapLegacyHashesCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>(MockBehavior.Strict);
        _passwordHasher = new Mock<IPasswordHasher>(MockBehavior.Strict);
        _passwordHasher
            .Setup(h => h.WrapLegacyAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string?)null);
        _passwordHasher
            .Setup(h => h.WrapLegacyAsync(It.Is<string>(hash => hash == BcryptHash || hash == WeakArgon2Hash), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string hash, CancellationToken _) => Wrapped(hash));
        _employees
            .Setup(s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _logs = new LogCapture();
        _handler = new WrapLegacyHashesCommandHandler(_employees.Object, _passwordHasher.Object, _logs);
    }

    [Test]
    public async Task Handle_WhenHashesAreLegacy_ReplacesEachWithItsWrappingOverTheHashItRead()
    {
        // Arrange
        StoreHolds(EmployeeWith(1, BcryptHash), EmployeeWith(2, CurrentHash), EmployeeWith(3, WeakArgon2Hash));

        // Act
        var result = await _handler.Handle(new WrapLegacyHashesCommand(), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new WrapLegacyHashesResult(Examined: 3, Wrapped: 2, Skipped: 0)));
        _employees.Verify(s => s.ReplacePasswordHashAsync(1, BcryptHash, Wrapped(BcryptHash), It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.ReplacePasswordHashAsync(3, WeakArgon2Hash, Wrapped(WeakArgon2Hash), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenNothingIsLegacy_ReplacesNothing()
    {
        // Arrange
        StoreHolds(EmployeeWith(1, CurrentHash), EmployeeWith(2, Employee.NoPassword));

        // Act
        var result = await _handler.Handle(new WrapLegacyHashesCommand(), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new WrapLegacyHashesResult(Examined: 2, Wrapped: 0, Skipped: 0)));
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Test]
    public async Task Handle_WhenALoginChangedTheHashMeanwhile_CountsItAsSkipped()
    {
        // Arrange: the conditional write finds another hash than the one read, and changes nothing.
        StoreHolds(EmployeeWith(1, BcryptHash), EmployeeWith(2, WeakArgon2Hash));
        _employees
            .Setup(s => s.ReplacePasswordHashAsync(1, BcryptHash, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        // Act
        var result = await _handler.Handle(new WrapLegacyHashesCommand(), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new WrapLegacyHashesResult(Examined: 2, Wrapped: 1, Skipped: 1)));
    }

    [Test]
    public async Task Handle_WhenEmployeesSpanSeveralPages_ReadsEveryPageAfterTheLastEmpNo()
    {
        // Arrange: pages of two; the last page is short, then one empty read ends the walk.
        var all = new[]
        {
            EmployeeWith(10001, BcryptHash), EmployeeWith(10002, CurrentHash), EmployeeWith(10005, WeakArgon2Hash),
            EmployeeWith(10009, Employee.NoPassword), EmployeeWith(10010, BcryptHash),
        };
        StoreHolds(all);

        // Act
        var result = await _handler.Handle(new WrapLegacyHashesCommand(BatchSize: 2), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new WrapLegacyHashesResult(Examined: 5, Wrapped: 3, Skipped: 0)));
        _employees.Verify(s => s.ListAsync(int.MinValue, 2, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.ListAsync(10002, 2, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.ListAsync(10009, 2, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.ListAsync(10010, 2, It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.ListAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(4));
        _employees.Verify(s => s.ReplacePasswordHashAsync(10010, BcryptHash, Wrapped(BcryptHash), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenStoreIsEmpty_ReturnsZeroCounts()
    {
        // Arrange
        StoreHolds();

        // Act
        var result = await _handler.Handle(new WrapLegacyHashesCommand(), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new WrapLegacyHashesResult(0, 0, 0)));
    }

    [Test]
    public async Task Handle_WritesOneSecurityEventWithTheCounts()
    {
        // Arrange
        StoreHolds(EmployeeWith(1, BcryptHash), EmployeeWith(2, CurrentHash), EmployeeWith(3, WeakArgon2Hash));
        _employees
            .Setup(s => s.ReplacePasswordHashAsync(3, It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        // Act
        await _handler.Handle(new WrapLegacyHashesCommand(), CancellationToken.None);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Category, Is.EqualTo(SecurityLog.Category));
        Assert.That(entry.EventId.Id, Is.EqualTo(LegacyHashesWrappedEvent));
        Assert.That(entry.EventId.Name, Is.EqualTo("LegacyHashesWrapped"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Value("Examined"), Is.EqualTo("3"));
        Assert.That(entry.Value("Wrapped"), Is.EqualTo("1"));
        Assert.That(entry.Value("Skipped"), Is.EqualTo("1"));
        SecurityLogAssert.NeverContains(_logs.Entries, BcryptHash, WeakArgon2Hash, Wrapped(BcryptHash), "weak-salt", "bcrypt-salt");
    }

    [Test]
    public void Handle_WhenHashingQueueIsFull_LetsTheErrorThrough()
    {
        // Arrange
        StoreHolds(EmployeeWith(1, BcryptHash));
        _passwordHasher
            .Setup(h => h.WrapLegacyAsync(BcryptHash, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("busy", TimeSpan.FromSeconds(1)));

        // Act
        var handle = async () => await _handler.Handle(new WrapLegacyHashesCommand(), CancellationToken.None);

        // Assert
        Assert.That(handle, Throws.TypeOf<ResourceUnavailableException>());
        _employees.Verify(
            s => s.ReplacePasswordHashAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Test]
    public async Task Handle_PassesItsCancellationTokenOn()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var token = cancellation.Token;
        StoreHolds(EmployeeWith(1, BcryptHash));

        // Act
        await _handler.Handle(new WrapLegacyHashesCommand(), token);

        // Assert
        _employees.Verify(s => s.ListAsync(It.IsAny<int>(), It.IsAny<int>(), token), Times.Exactly(2));
        _passwordHasher.Verify(h => h.WrapLegacyAsync(BcryptHash, token), Times.Once);
        _employees.Verify(s => s.ReplacePasswordHashAsync(1, BcryptHash, Wrapped(BcryptHash), token), Times.Once);
    }

    private static string Wrapped(string hash) => "$fal-wrap$of:" + hash;

    private static Employee EmployeeWith(int empNo, string passwordHash) => SampleEmployees.Behai(passwordHash) with { EmpNo = empNo };

    /// <summary>The store pages through <paramref name="employees"/> as a keyset-paged store does.</summary>
    private void StoreHolds(params Employee[] employees) =>
        _employees
            .Setup(s => s.ListAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int after, int limit, CancellationToken _) =>
                (IReadOnlyList<Employee>)[.. employees.Where(e => e.EmpNo > after).OrderBy(e => e.EmpNo).Take(limit)]);
}
