using FastApiLearning.Application.Auth.Logout;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastApiLearning.Application.UnitTests.Auth.Logout;

public sealed class LogoutCommandHandlerTests
{
    private const string TokenId = "0f8fad5bd9cb469fa16570867728950e";

    private static readonly DateTimeOffset s_expiresAt = new(2025, 1, 2, 3, 34, 5, TimeSpan.Zero);

    private Mock<IRevocationStore> _revocations = null!;
    private LogoutCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _revocations = new Mock<IRevocationStore>();
        _revocations
            .Setup(r => r.RevokeAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _handler = new LogoutCommandHandler(_revocations.Object, NullLoggerFactory.Instance);
    }

    [Test]
    public async Task Handle_WhenTokenIsGiven_RevokesItsIdUntilItExpires()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var command = new LogoutCommand(TokenId, s_expiresAt);

        // Act
        await _handler.Handle(command, cancellation.Token);

        // Assert
        _revocations.Verify(r => r.RevokeAsync(TokenId, s_expiresAt, cancellation.Token), Times.Once);
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTokenIsRevoked_ReturnsUnit()
    {
        // Arrange
        var command = new LogoutCommand(TokenId, s_expiresAt);

        // Act
        var result = await _handler.Handle(command, CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(Unit.Value));
    }

    [Test]
    public async Task Handle_WhenStoreFails_PropagatesTheFailure()
    {
        // Arrange
        _revocations
            .Setup(r => r.RevokeAsync(TokenId, s_expiresAt, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("cache unavailable"));
        var command = new LogoutCommand(TokenId, s_expiresAt);

        // Act
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await _handler.Handle(command, CancellationToken.None));

        // Assert
        Assert.That(exception?.Message, Is.EqualTo("cache unavailable"));
    }
}
