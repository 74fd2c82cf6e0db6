using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.RevokeScopes;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Employees.RevokeScopes;

public sealed class RevokeScopesCommandHandlerTests
{
    private const string Subject = "500222";

    private static readonly Employee s_behai = SampleEmployees.Behai();
    private static readonly DateTimeOffset s_now = new(2026, 11, 27, 10, 5, 0, 250, TimeSpan.Zero);

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IScopeGrantStore> _grants = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private LogCapture _logs = null!;
    private RevokeScopesCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _employees
            .Setup(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Employee?)null);
        _employees
            .Setup(s => s.FindByEmailAsync(SampleEmployees.BehaiEmail, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_behai);
        _grants = new Mock<IScopeGrantStore>();
        _grants
            .Setup(g => g.FindGrantedScopesAsync(s_behai.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Scopes.UserRead, Scopes.UserWrite]);
        _grants
            .Setup(g => g.SetGrantedScopesAsync(It.IsAny<int>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _revocations = new Mock<IRevocationStore>();
        _revocations
            .Setup(r => r.RevokeAllAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _logs = new LogCapture();
        _handler = new RevokeScopesCommandHandler(
            _employees.Object, _grants.Object, _revocations.Object, new FakeTimeProvider(s_now), _logs);
    }

    private static IEnumerable<TestCaseData> Revocations()
    {
        // recorded (null: nothing), revoked, held afterwards
        yield return new TestCaseData(new[] { Scopes.UserRead, Scopes.UserWrite }, new[] { Scopes.UserWrite }, new[] { Scopes.UserRead })
            .SetArgDisplayNames("user:read user:write", "user:write");
        yield return new TestCaseData(new[] { Scopes.UserRead, Scopes.UserWrite }, new[] { Scopes.UserWrite, Scopes.UserRead }, Array.Empty<string>())
            .SetArgDisplayNames("user:read user:write", "both (explicitly none)");
        yield return new TestCaseData(null, new[] { Scopes.UserRead }, Array.Empty<string>())
            .SetArgDisplayNames("nothing recorded", "user:read (explicitly none)");
        yield return new TestCaseData(null, new[] { Scopes.AdminRead }, new[] { Scopes.UserRead })
            .SetArgDisplayNames("nothing recorded", "admin:read (the default, now recorded)");
        yield return new TestCaseData(new[] { Scopes.AdminWrite, "retired:scope" }, new[] { Scopes.UserRead }, new[] { Scopes.AdminWrite })
            .SetArgDisplayNames("admin:write and an unknown name", "user:read (only names go; the unknown is dropped)");
    }

    [Test]
    public async Task Handle_CutsOffAgainInTheDatabaseAndInTheStore_AtAnInstantReadAfterTheFirstWrite()
    {
        // Arrange: the write takes 40 ms, in which a refresh that read the old cutoff may mint a token.
        var clock = new FakeTimeProvider(s_now);
        _grants
            .Setup(g => g.SetGrantedScopesAsync(s_behai.EmpNo, It.IsAny<IReadOnlyCollection<string>>(), s_now, It.IsAny<CancellationToken>()))
            .Callback(() => clock.Advance(TimeSpan.FromMilliseconds(40)))
            .ReturnsAsync(true);
        var handler = new RevokeScopesCommandHandler(_employees.Object, _grants.Object, _revocations.Object, clock, _logs);

        // Act
        await handler.Handle(new RevokeScopesCommand(" BeHai_Nguyen@Hotmail.COM", [Scopes.UserWrite]), CancellationToken.None);

        // Assert: the database's cutoff is the start; the store's covers the token minted during the write.
        _grants.Verify(g => g.SetGrantedScopesAsync(s_behai.EmpNo, It.IsAny<IReadOnlyCollection<string>>(), s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now.AddMilliseconds(40), It.IsAny<CancellationToken>()), Times.Once);
        // Without Redis, from another process, only the database reaches the servers: it gets the later instant too.
        _employees.Verify(s => s.SetTokensValidAfterAsync(s_behai.EmpNo, s_now.AddMilliseconds(40), It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCaseSource(nameof(Revocations))]
    public async Task Handle_RemovesTheNamesFromWhatIsRecordedAndRefusesTheLiveTokensFromNow(string[]? recorded, string[] revoked, string[] held)
    {
        // Arrange
        _grants.Setup(g => g.FindGrantedScopesAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(recorded);

        // Act
        var result = await _handler.Handle(new RevokeScopesCommand(" BeHai_Nguyen@Hotmail.COM", revoked), CancellationToken.None);

        // Assert: nobody keeps a scope that was taken away, on any instance.
        Assert.That(result, Is.EqualTo(held));
        _grants.Verify(
            g => g.SetGrantedScopesAsync(s_behai.EmpNo, It.Is<IReadOnlyCollection<string>>(s => s.SequenceEqual(held)), s_now, It.IsAny<CancellationToken>()),
            Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenNoRecordedNameIsRevoked_WritesNothingAndLeavesTheTokens()
    {
        // Act
        var result = await _handler.Handle(new RevokeScopesCommand(SampleEmployees.BehaiEmail, [Scopes.Super]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new[] { Scopes.UserRead, Scopes.UserWrite }));
        _grants.Verify(
            g => g.SetGrantedScopesAsync(It.IsAny<int>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Never);
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenNoEmployeeHasTheEmail_ReturnsNullAndChangesNothing()
    {
        // Act
        var result = await _handler.Handle(new RevokeScopesCommand("nobody@example.com", [Scopes.UserRead]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.Null);
        _grants.VerifyNoOtherCalls();
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTheEmployeeIsRemovedBeforeTheWrite_ReturnsNullAndRevokesNothing()
    {
        // Arrange
        _grants
            .Setup(g => g.SetGrantedScopesAsync(It.IsAny<int>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        // Act
        var result = await _handler.Handle(new RevokeScopesCommand(SampleEmployees.BehaiEmail, [Scopes.UserWrite]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.Null);
        _revocations.VerifyNoOtherCalls();
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenRevoked_LogsWhatWasRevokedAndWhatIsHeld()
    {
        // Act
        await _handler.Handle(new RevokeScopesCommand(SampleEmployees.BehaiEmail, [Scopes.UserWrite, Scopes.UserRead]), CancellationToken.None);

        // Assert
        var entry = _logs.Security(1016).Single();
        Assert.That(entry.EventId.Name, Is.EqualTo("ScopesRevoked"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Value("Username"), Is.EqualTo(SampleEmployees.BehaiEmail));
        Assert.That(entry.Value("Scopes"), Is.EqualTo("user:read user:write"));
        Assert.That(entry.Value("Held"), Is.EqualTo("(none)"));
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToPorts()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(new RevokeScopesCommand(SampleEmployees.BehaiEmail, [Scopes.UserWrite]), cancellation.Token);

        // Assert
        _employees.Verify(s => s.FindByEmailAsync(SampleEmployees.BehaiEmail, cancellation.Token), Times.Once);
        _grants.Verify(g => g.FindGrantedScopesAsync(s_behai.EmpNo, cancellation.Token), Times.Once);
        _grants.Verify(
            g => g.SetGrantedScopesAsync(s_behai.EmpNo, It.IsAny<IReadOnlyCollection<string>>(), s_now, cancellation.Token), Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now, cancellation.Token), Times.Once);
    }
}
