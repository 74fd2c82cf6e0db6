using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees;
using FastApiLearning.Application.Employees.GetEmployee;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;

namespace FastApiLearning.Application.UnitTests.Employees.GetEmployee;

public sealed class GetEmployeeQueryHandlerTests
{
    private const int Behai = 500222;
    private const int Pranav = 10198;

    private static readonly Employee s_behai = SampleEmployees.Behai();

    private Mock<IEmployeeDirectory> _directory = null!;
    private LogCapture _logs = null!;
    private GetEmployeeQueryHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new Mock<IEmployeeDirectory>();
        _directory
            .Setup(d => d.FindVersionedAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((VersionedEmployee?)null);
        _directory
            .Setup(d => d.FindVersionedAsync(Behai, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new VersionedEmployee(s_behai, 7));
        _logs = new LogCapture();
        _handler = new GetEmployeeQueryHandler(_directory.Object, _logs);
    }

    private static IEnumerable<TestCaseData> Allowed()
    {
        // caller emp_no, caller scopes: Be Hai's record is open to him with user:read, to anyone with admin:read.
        yield return new TestCaseData(Behai, new[] { Scopes.UserRead }).SetArgDisplayNames("own", "user:read");
        yield return new TestCaseData(Behai, new[] { Scopes.UserWrite }).SetArgDisplayNames("own", "user:write");
        yield return new TestCaseData(Behai, new[] { Scopes.AdminRead }).SetArgDisplayNames("own", "admin:read");
        yield return new TestCaseData(10005, new[] { Scopes.AdminRead }).SetArgDisplayNames("other", "admin:read");
        yield return new TestCaseData(10005, new[] { Scopes.AdminWrite }).SetArgDisplayNames("other", "admin:write");
        yield return new TestCaseData(10011, new[] { Scopes.Super }).SetArgDisplayNames("other", "super:*");
    }

    [TestCaseSource(nameof(Allowed))]
    public async Task Handle_WhenTheCallerMayRead_ReturnsTheRecordWithItsVersionAndNoHash(int callerEmpNo, string[] scopes)
    {
        // Act
        var result = await _handler.Handle(new GetEmployeeQuery(new Caller(callerEmpNo, scopes), Behai), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new GetEmployeeResult.Found(EmployeeProfile.From(s_behai), 7)));
    }

    private static IEnumerable<TestCaseData> Refused()
    {
        yield return new TestCaseData(Behai, Array.Empty<string>(), Scopes.UserRead).SetArgDisplayNames("own", "no scope");
        yield return new TestCaseData(Pranav, new[] { Scopes.UserRead }, Scopes.AdminRead).SetArgDisplayNames("other", "user:read");
        yield return new TestCaseData(Pranav, new[] { Scopes.UserRead, Scopes.UserWrite }, Scopes.AdminRead).SetArgDisplayNames("other", "user:read user:write");
        yield return new TestCaseData(Pranav, Array.Empty<string>(), Scopes.AdminRead).SetArgDisplayNames("other", "no scope");
    }

    [TestCaseSource(nameof(Refused))]
    public async Task Handle_WhenTheCallerMayNotRead_IsForbiddenNamingTheScopeWithoutLookingItUp(
        int callerEmpNo, string[] scopes, string required)
    {
        // Act
        var result = await _handler.Handle(new GetEmployeeQuery(new Caller(callerEmpNo, scopes), Behai), CancellationToken.None);

        // Assert: not looked up, so a 403 never tells whether the emp_no exists.
        Assert.That(result, Is.EqualTo(new GetEmployeeResult.Forbidden(required)));
        _directory.VerifyNoOtherCalls();
        Assert.That(_logs.Security(1020).Single().Value("Resource"), Is.EqualTo("employee 500222"));
    }

    [Test]
    public async Task Handle_WhenAnAdminAsksForNobody_ReturnsNotFound()
    {
        // Act
        var result = await _handler.Handle(new GetEmployeeQuery(new Caller(10005, [Scopes.AdminRead]), 999999), CancellationToken.None);

        // Assert
        Assert.That(result, Is.SameAs(GetEmployeeResult.NotFound));
    }

    [Test]
    public async Task Handle_WhenTheCallerWasRemoved_ReturnsNotFoundForTheirOwnRecord()
    {
        // Act
        var result = await _handler.Handle(new GetEmployeeQuery(new Caller(Pranav, [Scopes.UserRead]), Pranav), CancellationToken.None);

        // Assert
        Assert.That(result, Is.SameAs(GetEmployeeResult.NotFound));
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToTheDirectory()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(new GetEmployeeQuery(new Caller(Behai, [Scopes.UserRead]), Behai), cancellation.Token);

        // Assert
        _directory.Verify(d => d.FindVersionedAsync(Behai, cancellation.Token), Times.Once);
    }
}
