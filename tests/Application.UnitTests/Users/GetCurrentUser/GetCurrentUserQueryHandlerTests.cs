using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Users.GetCurrentUser;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.UnitTests.Users.GetCurrentUser;

public sealed class GetCurrentUserQueryHandlerTests
{
    private static readonly Employee s_employee = new(
        10198,
        "pranav.furedi.10198@gmail.com",
        "$argon2id$v=19$m=19456,t=2,p=1$salt$hash",
        new DateOnly(1953, 6, 7),
        "Pranav",
        "Furedi",
        Gender.M,
        new DateOnly(1985, 10, 20));

    private Mock<IEmployeeStore> _employees = null!;
    private GetCurrentUserQueryHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _employees
            .Setup(s => s.FindByEmpNoAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Employee?)null);
        _employees
            .Setup(s => s.FindByEmpNoAsync(s_employee.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_employee);
        _handler = new GetCurrentUserQueryHandler(_employees.Object);
    }

    [Test]
    public async Task Handle_WhenEmployeeExists_ReturnsProfileWithPublicFields()
    {
        // Arrange
        var query = new GetCurrentUserQuery(10198);

        // Act
        var profile = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(profile, Is.EqualTo(new UserProfile(
            10198,
            "pranav.furedi.10198@gmail.com",
            "Pranav",
            "Furedi",
            Gender.M,
            new DateOnly(1953, 6, 7),
            new DateOnly(1985, 10, 20))));
        Assert.That(profile?.FullName, Is.EqualTo("Pranav Furedi"));
    }

    [Test]
    public async Task Handle_WhenEmployeeDoesNotExist_ReturnsNull()
    {
        // Arrange
        var query = new GetCurrentUserQuery(42);

        // Act
        var profile = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(profile, Is.Null);
        _employees.Verify(s => s.FindByEmpNoAsync(42, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToStore()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var query = new GetCurrentUserQuery(10198);

        // Act
        await _handler.Handle(query, cancellation.Token);

        // Assert
        _employees.Verify(s => s.FindByEmpNoAsync(10198, cancellation.Token), Times.Once);
    }
}
