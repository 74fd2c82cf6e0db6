using FastApiLearning.Application.Auth.IsTokenRevoked;
using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Application.UnitTests.Auth.IsTokenRevoked;

public sealed class IsTokenRevokedQueryHandlerTests
{
    private const string RevokedTokenId = "0f8fad5bd9cb469fa16570867728950e";
    private const string ActiveTokenId = "7c9e6679742540de944be07fc1f90ae7";
    private const string Subject = "500222";

    private static readonly DateTimeOffset s_issuedAt = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private Mock<IRevocationStore> _revocations = null!;
    private Mock<IEmployeeStore> _employees = null!;
    private IsTokenRevokedQueryHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _revocations = new Mock<IRevocationStore>();
        _revocations
            .Setup(r => r.IsRevokedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);
        _revocations
            .Setup(r => r.IsRevokedAsync(RevokedTokenId, Subject, null, s_issuedAt, It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _employees = new Mock<IEmployeeStore>();
        _employees
            .Setup(e => e.FindTokensValidAfterAsync(500222, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DateTimeOffset.MinValue);
        _handler = new IsTokenRevokedQueryHandler(_revocations.Object, _employees.Object);
    }

    [Test]
    public async Task Handle_WhenTokenIsRevoked_ReturnsTrue()
    {
        // Arrange
        var query = new IsTokenRevokedQuery(RevokedTokenId, Subject, s_issuedAt);

        // Act
        var revoked = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.True);
        _revocations.Verify(r => r.IsRevokedAsync(RevokedTokenId, Subject, null, s_issuedAt, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTokenIsNotRevoked_ReturnsFalse()
    {
        // Arrange
        var query = new IsTokenRevokedQuery(ActiveTokenId, Subject, s_issuedAt);

        // Act
        var revoked = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.False);
        _revocations.Verify(r => r.IsRevokedAsync(ActiveTokenId, Subject, null, s_issuedAt, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheTokensSessionEnded_ReturnsTrue()
    {
        // Arrange: the session's end is all the store knows of; the token's jti and subject are untouched.
        _revocations
            .Setup(r => r.IsRevokedAsync(ActiveTokenId, Subject, "family-1", s_issuedAt, It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        var query = new IsTokenRevokedQuery(ActiveTokenId, Subject, s_issuedAt, SessionId: "family-1");

        // Act
        var revoked = await _handler.Handle(query, CancellationToken.None);

        // Assert: asked once, with the sid (one round trip).
        Assert.That(revoked, Is.True);
        _revocations.Verify(
            r => r.IsRevokedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Test]
    public async Task Handle_WhenTokenIdIsEmpty_ReturnsTrueWithoutAskingStore()
    {
        // Arrange
        var query = new IsTokenRevokedQuery("", Subject, s_issuedAt);

        // Act
        var revoked = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.True);
        _revocations.Verify(
            r => r.IsRevokedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToStore()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var query = new IsTokenRevokedQuery(ActiveTokenId, Subject, s_issuedAt);

        // Act
        await _handler.Handle(query, cancellation.Token);

        // Assert
        _revocations.Verify(r => r.IsRevokedAsync(ActiveTokenId, Subject, null, s_issuedAt, cancellation.Token), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheEmployeeIsGone_ReturnsTrue()
    {
        // Arrange: removed by a command in another process, which no revocation store heard of.
        _employees.Setup(e => e.FindTokensValidAfterAsync(500222, It.IsAny<CancellationToken>())).ReturnsAsync((DateTimeOffset?)null);
        var query = new IsTokenRevokedQuery(ActiveTokenId, Subject, s_issuedAt);

        // Act
        var revoked = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.True);
    }

    [TestCase(0, true, TestName = "Handle_WhenIssuedInTheInstantOfTheCutoff_ReturnsTrue")]
    [TestCase(1, true, TestName = "Handle_WhenIssuedBeforeTheCutoff_ReturnsTrue")]
    [TestCase(-1, false, TestName = "Handle_WhenIssuedAfterTheCutoff_ReturnsFalse")]
    public async Task Handle_ComparesIssuedAtWithTheEmployeesCutoff(int cutoffAfterIssueMs, bool expected)
    {
        // Arrange: a password set by an administrator voids every token issued up to then.
        _employees
            .Setup(e => e.FindTokensValidAfterAsync(500222, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_issuedAt.AddMilliseconds(cutoffAfterIssueMs));
        var query = new IsTokenRevokedQuery(ActiveTokenId, Subject, s_issuedAt);

        // Act
        var revoked = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.EqualTo(expected));
    }

    [Test]
    public async Task Handle_WhenRevokedByTheRevocationStore_DoesNotAskTheDatabase()
    {
        // Arrange
        var query = new IsTokenRevokedQuery(RevokedTokenId, Subject, s_issuedAt);

        // Act
        var revoked = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.True);
        _employees.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToTheEmployeesDatabase()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var query = new IsTokenRevokedQuery(ActiveTokenId, Subject, s_issuedAt);

        // Act
        await _handler.Handle(query, cancellation.Token);

        // Assert
        _employees.Verify(e => e.FindTokensValidAfterAsync(500222, cancellation.Token), Times.Once);
    }

    [TestCase("")]
    [TestCase("not-a-number")]
    [TestCase("-5")]
    public async Task Handle_WhenSubjectIsNoEmpNo_ReturnsTrueWithoutAskingTheDatabase(string subject)
    {
        // Arrange
        var query = new IsTokenRevokedQuery(ActiveTokenId, subject, s_issuedAt);

        // Act
        var revoked = await _handler.Handle(query, CancellationToken.None);

        // Assert
        Assert.That(revoked, Is.True);
        _employees.VerifyNoOtherCalls();
    }
}
