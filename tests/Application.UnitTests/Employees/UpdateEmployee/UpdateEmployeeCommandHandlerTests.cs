using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees;
using FastApiLearning.Application.Employees.UpdateEmployee;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Employees.UpdateEmployee;

public sealed class UpdateEmployeeCommandHandlerTests
{
    private const int Behai = 500222;
    private const int Kyoichi = 10005;
    private const long Version = 7;

    private static readonly Employee s_stored = SampleEmployees.Behai();

    // Be Hai renames himself: the email (typed differently) and the hire date stay as stored.
    private static readonly EmployeeDetails s_ownEdit = new(
        " BeHai_Nguyen@Hotmail.COM", "Bé Hai", "Nguyễn", Gender.M, new DateOnly(1970, 10, 28), s_stored.HireDate);

    private static readonly Employee s_updated = s_stored with
    {
        FirstName = "Bé Hai",
        LastName = "Nguyễn",
        BirthDate = new DateOnly(1970, 10, 28),
    };

    private Mock<IEmployeeDirectory> _directory = null!;
    private LogCapture _logs = null!;
    private UpdateEmployeeCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new Mock<IEmployeeDirectory>();
        _directory
            .Setup(d => d.FindVersionedAsync(Behai, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new VersionedEmployee(s_stored, Version));
        _directory
            .Setup(d => d.UpdateAsync(It.IsAny<int>(), It.IsAny<EmployeeDetails>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DirectoryUpdate.Updated(new VersionedEmployee(s_updated, Version + 1)));
        _logs = new LogCapture();
        _handler = new UpdateEmployeeCommandHandler(_directory.Object, _logs);
    }

    private static UpdateEmployeeCommand Edit(int callerEmpNo, string[] scopes, EmployeeDetails? details = null, long? version = Version) =>
        new(new Caller(callerEmpNo, scopes), Behai, version, details ?? s_ownEdit);

    [TestCase(Scopes.AdminWrite)]
    [TestCase(Scopes.Super)]
    public async Task Handle_WithAScopeForAnyone_ReplacesEveryFieldAtTheExpectedVersion(string scope)
    {
        // Arrange: a new email and hire date too.
        var details = s_ownEdit with { Email = "be.hai@example.com", HireDate = new DateOnly(2022, 1, 3) };

        // Act
        var result = await _handler.Handle(Edit(Kyoichi, [scope], details), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new UpdateEmployeeResult.Updated(EmployeeProfile.From(s_updated), Version + 1)));
        _directory.Verify(d => d.UpdateAsync(Behai, details, Version, It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WithUserWriteOnTheirOwnNamesGenderAndBirthDate_Updates()
    {
        // Act
        var result = await _handler.Handle(Edit(Behai, [Scopes.UserRead, Scopes.UserWrite]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new UpdateEmployeeResult.Updated(EmployeeProfile.From(s_updated), Version + 1)));
        _directory.Verify(d => d.UpdateAsync(Behai, s_ownEdit, Version, It.IsAny<CancellationToken>()), Times.Once);
    }

    private static IEnumerable<TestCaseData> AdminOnlyChanges()
    {
        yield return new TestCaseData(s_ownEdit with { Email = "someone.else@example.com" }).SetArgDisplayNames("email");
        yield return new TestCaseData(s_ownEdit with { HireDate = s_stored.HireDate.AddDays(-1) }).SetArgDisplayNames("hire_date");
    }

    [TestCaseSource(nameof(AdminOnlyChanges))]
    public async Task Handle_WithUserWriteChangingTheirOwnEmailOrHireDate_IsForbiddenNamingAdminWrite(EmployeeDetails details)
    {
        // Act
        var result = await _handler.Handle(Edit(Behai, [Scopes.UserWrite], details), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new UpdateEmployeeResult.Forbidden(Scopes.AdminWrite)));
        _directory.Verify(
            d => d.UpdateAsync(It.IsAny<int>(), It.IsAny<EmployeeDetails>(), It.IsAny<long>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_logs.Security(1020).Single().Value("RequiredScope"), Is.EqualTo(Scopes.AdminWrite));
    }

    private static IEnumerable<TestCaseData> NotAllowed()
    {
        yield return new TestCaseData(Behai, new[] { Scopes.UserRead }, Scopes.UserWrite).SetArgDisplayNames("own", "user:read");
        yield return new TestCaseData(Behai, Array.Empty<string>(), Scopes.UserWrite).SetArgDisplayNames("own", "no scope");
        yield return new TestCaseData(Kyoichi, new[] { Scopes.UserWrite }, Scopes.AdminWrite).SetArgDisplayNames("other", "user:write");
        yield return new TestCaseData(Kyoichi, new[] { Scopes.AdminRead }, Scopes.AdminWrite).SetArgDisplayNames("other", "admin:read");
    }

    [TestCaseSource(nameof(NotAllowed))]
    public async Task Handle_WithoutTheScopeForThisRecord_IsForbiddenBeforeAnythingIsReadOrAsked(
        int callerEmpNo, string[] scopes, string required)
    {
        // Act: even without a version, the refusal comes first.
        var result = await _handler.Handle(Edit(callerEmpNo, scopes, version: null), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new UpdateEmployeeResult.Forbidden(required)));
        _directory.VerifyNoOtherCalls();
        var denied = _logs.Security(1020).Single();
        Assert.That(denied.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(denied.Value("Resource"), Is.EqualTo("employee 500222 (edit)"));
    }

    [TestCase(Kyoichi, Scopes.AdminWrite)]
    [TestCase(Behai, Scopes.UserWrite)]
    public async Task Handle_WithoutAVersion_RequiresOneAndWritesNothing(int callerEmpNo, string scope)
    {
        // Act
        var result = await _handler.Handle(Edit(callerEmpNo, [scope], version: null), CancellationToken.None);

        // Assert
        Assert.That(result, Is.SameAs(UpdateEmployeeResult.PreconditionRequired));
        _directory.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTheDirectorySaysStale_ReturnsStaleWithTheCurrentVersion()
    {
        // Arrange
        _directory
            .Setup(d => d.UpdateAsync(Behai, It.IsAny<EmployeeDetails>(), Version, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DirectoryUpdate.Stale(Version + 3));

        // Act
        var result = await _handler.Handle(Edit(Kyoichi, [Scopes.AdminWrite]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new UpdateEmployeeResult.Stale(Version + 3)));
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WithUserWriteOnAnOlderVersion_IsStaleBeforeTheEmailIsCompared()
    {
        // Arrange: an administrator changed the email since; the form still has the old one.
        _directory
            .Setup(d => d.FindVersionedAsync(Behai, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new VersionedEmployee(s_stored with { Email = "new.address@example.com" }, Version + 1));

        // Act
        var result = await _handler.Handle(Edit(Behai, [Scopes.UserWrite]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new UpdateEmployeeResult.Stale(Version + 1)));
        _directory.Verify(
            d => d.UpdateAsync(It.IsAny<int>(), It.IsAny<EmployeeDetails>(), It.IsAny<long>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenTheDirectorySaysMissing_ReturnsNotFound()
    {
        // Arrange
        _directory
            .Setup(d => d.UpdateAsync(Behai, It.IsAny<EmployeeDetails>(), Version, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DirectoryUpdate.NotFound);

        // Act
        var result = await _handler.Handle(Edit(Kyoichi, [Scopes.AdminWrite]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.SameAs(UpdateEmployeeResult.NotFound));
    }

    [Test]
    public async Task Handle_WithUserWriteWhenTheirRecordIsGone_ReturnsNotFound()
    {
        // Arrange
        _directory
            .Setup(d => d.FindVersionedAsync(Behai, It.IsAny<CancellationToken>()))
            .ReturnsAsync((VersionedEmployee?)null);

        // Act
        var result = await _handler.Handle(Edit(Behai, [Scopes.UserWrite]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.SameAs(UpdateEmployeeResult.NotFound));
    }

    [Test]
    public async Task Handle_WhenAnotherEmployeeHasTheEmail_ReturnsEmailTakenWithTheOriginalsMessage()
    {
        // Arrange
        _directory
            .Setup(d => d.UpdateAsync(It.IsAny<int>(), It.IsAny<EmployeeDetails>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailTakenException(SampleEmployees.PranavEmail));

        // Act
        var result = await _handler.Handle(Edit(Kyoichi, [Scopes.AdminWrite], s_ownEdit with { Email = SampleEmployees.PranavEmail }), CancellationToken.None);

        // Assert
        Assert.That(result, Is.SameAs(UpdateEmployeeResult.EmailTaken));
        Assert.That(((UpdateEmployeeResult.EmailInUse)result).Message, Is.EqualTo("Can't accept this email. Please specify another"));
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenUpdated_LogsWhoChangedWhichRecord()
    {
        // Act
        await _handler.Handle(Edit(Kyoichi, [Scopes.AdminWrite]), CancellationToken.None);

        // Assert
        var entry = _logs.Security(1018).Single();
        Assert.That(entry.EventId.Name, Is.EqualTo("EmployeeUpdated"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Value("Username"), Is.EqualTo(SampleEmployees.BehaiEmail));
        Assert.That(entry.Value("EmpNo"), Is.EqualTo("500222"));
        Assert.That(entry.Value("CallerEmpNo"), Is.EqualTo("10005"));
        SecurityLogAssert.NeverContains(_logs.Entries, s_stored.PasswordHash);
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToTheDirectory()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(Edit(Behai, [Scopes.UserWrite]), cancellation.Token);

        // Assert
        _directory.Verify(d => d.FindVersionedAsync(Behai, cancellation.Token), Times.Once);
        _directory.Verify(d => d.UpdateAsync(Behai, s_ownEdit, Version, cancellation.Token), Times.Once);
    }
}
