using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.ListEmployees;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;

namespace FastApiLearning.Application.UnitTests.Employees.ListEmployees;

public sealed class ListEmployeesQueryHandlerTests
{
    private static readonly IReadOnlyList<Employee> s_page = [SampleEmployees.Pranav(), SampleEmployees.Behai()];

    private Mock<IEmployeeStore> _employees = null!;
    private ListEmployeesQueryHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _employees
            .Setup(s => s.ListAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_page);
        _handler = new ListEmployeesQueryHandler(_employees.Object);
    }

    [Test]
    public async Task Handle_ReturnsThePageTheStoreReads()
    {
        // Act
        var employees = await _handler.Handle(new ListEmployeesQuery(50), CancellationToken.None);

        // Assert
        Assert.That(employees, Is.EqualTo(s_page));
    }

    [Test]
    public async Task Handle_AsksForTheLimitAfterTheGivenEmpNo()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(new ListEmployeesQuery(Limit: 50, AfterEmpNo: 10198), cancellation.Token);

        // Assert: keyset paging, so that 300,024 rows are read a page at a time.
        _employees.Verify(s => s.ListAsync(10198, 50, cancellation.Token), Times.Once);
        _employees.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenNoEmpNoIsGiven_StartsAtTheFirstEmployee()
    {
        // Act
        await _handler.Handle(new ListEmployeesQuery(20), CancellationToken.None);

        // Assert
        _employees.Verify(s => s.ListAsync(0, 20, It.IsAny<CancellationToken>()), Times.Once);
    }
}
