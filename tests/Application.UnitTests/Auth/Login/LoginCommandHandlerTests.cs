using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastApiLearning.Application.UnitTests.Auth.Login;

public sealed class LoginCommandHandlerTests
{
    private const string Email = "behai_nguyen@hotmail.com";
    private const string Password = "password";
    private const string StoredHash = "$argon2id$v=19$m=19456,t=2,p=1$stored-salt$stored-hash";
    private const string DummyHash = "$argon2id$v=19$m=19456,t=2,p=1$dummy-salt$dummy-hash";

    private static readonly Employee s_employee = new(
        500222,
        Email,
        StoredHash,
        new DateOnly(1970, 10, 27),
        "Be Hai",
        "Doe",
        Gender.M,
        new DateOnly(2021, 6, 15));

    private static readonly AccessToken s_token = new(
        "header.payload.signature",
        "0f8fad5bd9cb469fa16570867728950e",
        new DateTimeOffset(2025, 1, 2, 3, 34, 5, TimeSpan.Zero),
        TimeSpan.FromMinutes(30));

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private Mock<ILoginThrottle> _throttle = null!;
    private Mock<ITokenIssuer> _tokenIssuer = null!;
    private LoginCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _passwordHasher = new Mock<IPasswordHasher>();
        _tokenIssuer = new Mock<ITokenIssuer>();

        _employees
            .Setup(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Employee?)null);
        _employees
            .Setup(s => s.FindByEmailAsync(Email, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_employee);
        _passwordHasher.SetupGet(h => h.DummyHash).Returns(DummyHash);
        _passwordHasher
            .Setup(h => h.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Failed);
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Succeeded);
        _tokenIssuer.Setup(i => i.Issue(s_employee)).Returns(s_token);

        _throttle = new Mock<ILoginThrottle>();

        _handler = new LoginCommandHandler(
            _employees.Object, _passwordHasher.Object, _tokenIssuer.Object, _throttle.Object, NullLoggerFactory.Instance);
    }

    [Test]
    public async Task Handle_WhenCredentialsAreCorrect_ReturnsSucceededWithIssuedToken()
    {
        // Arrange
        var command = new LoginCommand(Email, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new LoginResult.Succeeded(s_token)));
        _tokenIssuer.Verify(i => i.Issue(s_employee), Times.Once);
    }

    [Test]
    public async Task Handle_WhenPasswordIsWrong_ReturnsFailure()
    {
        // Arrange
        var command = new LoginCommand(Email, "wrong password");

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.Failed>());
        Assert.That(((LoginResult.Failed)result).Message, Is.EqualTo("Incorrect username or password"));
        _passwordHasher.Verify(h => h.VerifyAsync("wrong password", StoredHash, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenUserIsUnknown_ReturnsSameFailure()
    {
        // Arrange
        var command = new LoginCommand("nobody@example.com", Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(LoginResult.InvalidCredentials));
        Assert.That(((LoginResult.Failed)result).Message, Is.EqualTo("Incorrect username or password"));
    }

    [Test]
    public async Task Handle_WhenUserIsUnknown_VerifiesAgainstDummyHash()
    {
        // Arrange
        var command = new LoginCommand("nobody@example.com", Password);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _passwordHasher.Verify(h => h.VerifyAsync(Password, DummyHash, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenUserIsUnknownAndDummyHashVerifies_StillReturnsFailure()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(It.IsAny<string>(), DummyHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.Succeeded);
        var command = new LoginCommand("nobody@example.com", Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.TypeOf<LoginResult.Failed>());
        _tokenIssuer.Verify(i => i.Issue(It.IsAny<Employee>()), Times.Never);
    }

    [TestCase("  BeHai_Nguyen@Hotmail.COM ")]
    [TestCase("BEHAI_NGUYEN@HOTMAIL.COM")]
    [TestCase("\tbehai_nguyen@hotmail.com\n")]
    public async Task Handle_WhenUsernameDiffersInCaseOrWhitespace_LooksUpNormalizedEmail(string username)
    {
        // Arrange
        var command = new LoginCommand(username, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new LoginResult.Succeeded(s_token)));
        _employees.Verify(s => s.FindByEmailAsync("behai_nguyen@hotmail.com", It.IsAny<CancellationToken>()), Times.Once);
        _employees.Verify(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenHashNeedsUpgrade_ReturnsSucceeded()
    {
        // Arrange
        _passwordHasher
            .Setup(h => h.VerifyAsync(Password, StoredHash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(PasswordCheck.SucceededNeedsUpgrade);
        var command = new LoginCommand(Email, Password);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new LoginResult.Succeeded(s_token)));
    }

    [TestCase(Email, "wrong password")]
    [TestCase("nobody@example.com", Password)]
    public async Task Handle_WhenLoginFails_IssuesNoToken(string username, string password)
    {
        // Arrange
        var command = new LoginCommand(username, password);

        // Act
        await _handler.Handle(command, CancellationToken.None);

        // Assert
        _tokenIssuer.Verify(i => i.Issue(It.IsAny<Employee>()), Times.Never);
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToPorts()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var command = new LoginCommand(Email, Password);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert
        _employees.Verify(s => s.FindByEmailAsync(Email, cancellation.Token), Times.Once);
        _passwordHasher.Verify(h => h.VerifyAsync(Password, StoredHash, cancellation.Token), Times.Once);
    }
}
