using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees;
using FastApiLearning.Application.Employees.SearchEmployees;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Employees.SearchEmployees;

public sealed class SearchEmployeesQueryHandlerTests
{
    private static readonly Caller s_admin = new(10005, [Scopes.AdminRead, Scopes.AdminWrite]);
    private static readonly Employee s_behai = SampleEmployees.Behai();
    private static readonly Employee s_pranav = SampleEmployees.Pranav();

    private Mock<IEmployeeDirectory> _directory = null!;
    private LogCapture _logs = null!;
    private SearchEmployeesQueryHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new Mock<IEmployeeDirectory>();
        _directory
            .Setup(d => d.SearchAsync(It.IsAny<EmployeeSearch>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EmployeePage([s_behai, s_pranav], 42));
        _logs = new LogCapture();
        _handler = new SearchEmployeesQueryHandler(_directory.Object, _logs);
    }

    [Test]
    public async Task Handle_WithAdminRead_ReturnsThePageWithTheTotalAndNoPasswordHash()
    {
        // Act
        var result = await _handler.Handle(new SearchEmployeesQuery(s_admin, "doe", null, 3, 2), CancellationToken.None);

        // Assert
        var found = (SearchEmployeesResult.Found)result;
        Assert.That(found.Employees, Is.EqualTo(new[] { EmployeeProfile.From(s_behai), EmployeeProfile.From(s_pranav) }));
        Assert.That((found.Total, found.Page, found.PageSize), Is.EqualTo((42, 3, 2)));
    }

    [Test]
    public async Task Handle_PassesBothNamesAsPatternsWithThePage()
    {
        // Arrange
        EmployeeSearch? asked = null;
        _directory
            .Setup(d => d.SearchAsync(It.IsAny<EmployeeSearch>(), It.IsAny<CancellationToken>()))
            .Callback<EmployeeSearch, CancellationToken>((search, _) => asked = search)
            .ReturnsAsync(new EmployeePage([], 0));

        // Act
        await _handler.Handle(new SearchEmployeesQuery(s_admin, " Fac", "%nas%", 2, 50), CancellationToken.None);

        // Assert
        Assert.That(asked, Is.Not.Null);
        Assert.That(asked!.LastName?.Prefix, Is.EqualTo("fac"));
        Assert.That(asked.LastName?.IsPrefixSearch, Is.True);
        Assert.That(asked.FirstName?.Like, Is.EqualTo("%nas%"));
        Assert.That((asked.Page, asked.PageSize), Is.EqualTo((2, 50)));
    }

    [TestCase(null, null)]
    [TestCase("", "   ")]
    public async Task Handle_WhenNoNameIsGiven_SearchesWithoutConditions(string? lastName, string? firstName)
    {
        // Act
        await _handler.Handle(new SearchEmployeesQuery(s_admin, lastName, firstName), CancellationToken.None);

        // Assert
        _directory.Verify(
            d => d.SearchAsync(It.Is<EmployeeSearch>(s => s.LastName == null && s.FirstName == null && s.Page == 1 && s.PageSize == 20), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [TestCase(Scopes.UserRead)]
    [TestCase(Scopes.UserWrite)]
    public async Task Handle_WithoutAdminRead_IsForbiddenWithoutSearching(string scope)
    {
        // Act
        var result = await _handler.Handle(new SearchEmployeesQuery(new Caller(500222, [scope]), "doe", null), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new SearchEmployeesResult.Forbidden(Scopes.AdminRead)));
        _directory.VerifyNoOtherCalls();
        var denied = _logs.Security(1020).Single();
        Assert.That(denied.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(denied.Value("CallerEmpNo"), Is.EqualTo("500222"));
        Assert.That(denied.Value("RequiredScope"), Is.EqualTo(Scopes.AdminRead));
    }

    [TestCase(Scopes.AdminWrite)]
    [TestCase(Scopes.Super)]
    public async Task Handle_WithAScopeThatIncludesAdminRead_Searches(string scope)
    {
        // Act
        var result = await _handler.Handle(new SearchEmployeesQuery(new Caller(10011, [scope]), null, null), CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<SearchEmployeesResult.Found>());
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToTheDirectory()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(new SearchEmployeesQuery(s_admin, null, null), cancellation.Token);

        // Assert
        _directory.Verify(d => d.SearchAsync(It.IsAny<EmployeeSearch>(), cancellation.Token), Times.Once);
    }
}
