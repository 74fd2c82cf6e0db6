using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Application.UnitTests.Auth.Sessions;

public sealed class SessionRevocationTests
{
    private const string FamilyId = "family-1";

    private static readonly DateTimeOffset s_now = new(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);

    private Mock<IRefreshTokenStore> _refreshTokens = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private SessionRevocation _sessions = null!;

    [SetUp]
    public void SetUp()
    {
        _refreshTokens = new Mock<IRefreshTokenStore>();
        _refreshTokens
            .Setup(r => r.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _revocations = new Mock<IRevocationStore>();
        _revocations
            .Setup(r => r.RevokeSessionAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _sessions = new SessionRevocation(_refreshTokens.Object, _revocations.Object);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task EndAsync_EndsTheFamilyAndItsAccessTokens_AndSaysWhetherTheFamilyEndedNow(bool endedNow)
    {
        // Arrange
        _refreshTokens
            .Setup(r => r.RevokeFamilyAsync(FamilyId, s_now, It.IsAny<CancellationToken>()))
            .ReturnsAsync(endedNow);

        // Act
        var revoked = await _sessions.EndAsync(FamilyId, s_now, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.EqualTo(endedNow));
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task EndAsync_WhenTheCallerHasGivenUp_StillMakesBothWrites()
    {
        // Arrange: the client went away (or its request timed out) just as its session was being ended.
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        // Act
        await _sessions.EndAsync(FamilyId, s_now, cancellation.Token);

        // Assert: each store's own timeout bounds the writes, not the caller's patience.
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(FamilyId, s_now, CancellationToken.None), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, s_now, CancellationToken.None), Times.Once);
    }

    [Test]
    public void EndAsync_WhenTheFamilyWriteFails_StillRefusesTheSessionsAccessTokens()
    {
        // Arrange: a congested database writer.
        _refreshTokens
            .Setup(r => r.RevokeFamilyAsync(FamilyId, s_now, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("The database is busy", TimeSpan.FromSeconds(1)));

        // Act
        Assert.That(async () => await _sessions.EndAsync(FamilyId, s_now, CancellationToken.None), Throws.TypeOf<ResourceUnavailableException>());

        // Assert
        _revocations.Verify(r => r.RevokeSessionAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void EndAsync_WhenTheRevocationStoreFails_StillEndsTheFamily()
    {
        // Arrange: Redis out of reach.
        _revocations
            .Setup(r => r.RevokeSessionAsync(FamilyId, s_now, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("Redis is out of reach", TimeSpan.FromSeconds(1)));

        // Act
        Assert.That(async () => await _sessions.EndAsync(FamilyId, s_now, CancellationToken.None), Throws.TypeOf<ResourceUnavailableException>());

        // Assert
        _refreshTokens.Verify(r => r.RevokeFamilyAsync(FamilyId, s_now, It.IsAny<CancellationToken>()), Times.Once);
    }
}
