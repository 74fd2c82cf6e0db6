using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.GrantScopes;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Employees.GrantScopes;

public sealed class GrantScopesCommandHandlerTests
{
    private const string Subject = "10198";

    private static readonly Employee s_pranav = SampleEmployees.Pranav();
    private static readonly DateTimeOffset s_now = new(2026, 11, 27, 10, 5, 0, 250, TimeSpan.Zero);

    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IScopeGrantStore> _grants = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private LogCapture _logs = null!;
    private GrantScopesCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _employees = new Mock<IEmployeeStore>();
        _employees
            .Setup(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Employee?)null);
        _employees
            .Setup(s => s.FindByEmailAsync(SampleEmployees.PranavEmail, It.IsAny<CancellationToken>()))
            .ReturnsAsync(s_pranav);
        _grants = new Mock<IScopeGrantStore>();
        _grants
            .Setup(g => g.FindGrantedScopesAsync(s_pranav.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Scopes.UserRead]);
        _grants
            .Setup(g => g.SetGrantedScopesAsync(It.IsAny<int>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _revocations = new Mock<IRevocationStore>();
        _revocations
            .Setup(r => r.RevokeAllAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(ValueTask.CompletedTask);
        _logs = new LogCapture();
        _handler = new GrantScopesCommandHandler(
            _employees.Object, _grants.Object, _revocations.Object, new FakeTimeProvider(s_now), _logs);
    }

    private static IEnumerable<TestCaseData> Grants()
    {
        // recorded (null: nothing), granted, held afterwards (canonical order)
        yield return new TestCaseData(new[] { Scopes.UserRead }, new[] { Scopes.AdminWrite, Scopes.UserWrite }, new[] { Scopes.UserRead, Scopes.UserWrite, Scopes.AdminWrite })
            .SetArgDisplayNames("user:read", "admin:write user:write");
        yield return new TestCaseData(null, new[] { Scopes.AdminRead }, new[] { Scopes.UserRead, Scopes.AdminRead })
            .SetArgDisplayNames("nothing recorded", "admin:read");
        yield return new TestCaseData(Array.Empty<string>(), new[] { Scopes.UserWrite }, new[] { Scopes.UserWrite })
            .SetArgDisplayNames("explicitly none", "user:write");
        yield return new TestCaseData(null, new[] { Scopes.UserRead }, new[] { Scopes.UserRead })
            .SetArgDisplayNames("nothing recorded", "user:read (now recorded)");
    }

    [Test]
    public async Task Handle_CutsOffAgainInTheDatabaseAndInTheStore_AtAnInstantReadAfterTheFirstWrite()
    {
        // Arrange: the write takes 40 ms, in which a refresh that read the old cutoff may mint a token.
        var clock = new FakeTimeProvider(s_now);
        _grants
            .Setup(g => g.SetGrantedScopesAsync(s_pranav.EmpNo, It.IsAny<IReadOnlyCollection<string>>(), s_now, It.IsAny<CancellationToken>()))
            .Callback(() => clock.Advance(TimeSpan.FromMilliseconds(40)))
            .ReturnsAsync(true);
        var handler = new GrantScopesCommandHandler(_employees.Object, _grants.Object, _revocations.Object, clock, _logs);

        // Act
        await handler.Handle(new GrantScopesCommand(" Pranav.Furedi.10198@Gmail.com", [Scopes.UserWrite]), CancellationToken.None);

        // Assert: the database's cutoff is the start; the store's covers the token minted during the write.
        _grants.Verify(g => g.SetGrantedScopesAsync(s_pranav.EmpNo, It.IsAny<IReadOnlyCollection<string>>(), s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now.AddMilliseconds(40), It.IsAny<CancellationToken>()), Times.Once);
        // Without Redis, from another process, only the database reaches the servers: it gets the later instant too.
        _employees.Verify(s => s.SetTokensValidAfterAsync(s_pranav.EmpNo, s_now.AddMilliseconds(40), It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCaseSource(nameof(Grants))]
    public async Task Handle_AddsTheNamesToWhatIsRecordedAndRefusesTheLiveTokensFromNow(string[]? recorded, string[] granted, string[] held)
    {
        // Arrange
        _grants.Setup(g => g.FindGrantedScopesAsync(s_pranav.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(recorded);

        // Act
        var result = await _handler.Handle(new GrantScopesCommand(" Pranav.Furedi.10198@Gmail.com", granted), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(held));
        _grants.Verify(
            g => g.SetGrantedScopesAsync(s_pranav.EmpNo, It.Is<IReadOnlyCollection<string>>(s => s.SequenceEqual(held)), s_now, It.IsAny<CancellationToken>()),
            Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenEverythingIsAlreadyRecorded_WritesNothingAndLeavesTheTokens()
    {
        // Arrange
        _grants
            .Setup(g => g.FindGrantedScopesAsync(s_pranav.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Scopes.UserRead, Scopes.AdminRead]);

        // Act
        var result = await _handler.Handle(new GrantScopesCommand(SampleEmployees.PranavEmail, [Scopes.AdminRead]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.EqualTo(new[] { Scopes.UserRead, Scopes.AdminRead }));
        _grants.Verify(
            g => g.SetGrantedScopesAsync(It.IsAny<int>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Never);
        _revocations.VerifyNoOtherCalls();
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WritesTheDatabaseBeforeTheRevocationStore()
    {
        // Arrange: the database is what outlives a restart; it must hold the change whatever follows.
        var calls = new List<string>();
        _grants
            .Setup(g => g.SetGrantedScopesAsync(It.IsAny<int>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("database"))
            .ReturnsAsync(true);
        _revocations
            .Setup(r => r.RevokeAllAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("revocations"))
            .Returns(ValueTask.CompletedTask);

        // Act
        await _handler.Handle(new GrantScopesCommand(SampleEmployees.PranavEmail, [Scopes.AdminRead]), CancellationToken.None);

        // Assert
        Assert.That(calls, Is.EqualTo(new[] { "database", "revocations" }));
    }

    [Test]
    public async Task Handle_WhenNoEmployeeHasTheEmail_ReturnsNullAndChangesNothing()
    {
        // Act
        var result = await _handler.Handle(new GrantScopesCommand("nobody@example.com", [Scopes.Super]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.Null);
        _grants.VerifyNoOtherCalls();
        _revocations.VerifyNoOtherCalls();
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenTheEmployeeIsRemovedBeforeTheWrite_ReturnsNullAndRevokesNothing()
    {
        // Arrange
        _grants
            .Setup(g => g.SetGrantedScopesAsync(It.IsAny<int>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        // Act
        var result = await _handler.Handle(new GrantScopesCommand(SampleEmployees.PranavEmail, [Scopes.AdminRead]), CancellationToken.None);

        // Assert
        Assert.That(result, Is.Null);
        _revocations.VerifyNoOtherCalls();
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_WhenGranted_LogsWhatWasGrantedAndWhatIsHeld()
    {
        // Act
        await _handler.Handle(new GrantScopesCommand(SampleEmployees.PranavEmail, [Scopes.AdminWrite, Scopes.AdminRead]), CancellationToken.None);

        // Assert
        var entry = _logs.Security(1015).Single();
        Assert.That(entry.EventId.Name, Is.EqualTo("ScopesGranted"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Value("Username"), Is.EqualTo(SampleEmployees.PranavEmail));
        Assert.That(entry.Value("EmpNo"), Is.EqualTo("10198"));
        Assert.That(entry.Value("Scopes"), Is.EqualTo("admin:read admin:write"));
        Assert.That(entry.Value("Held"), Is.EqualTo("user:read admin:read admin:write"));
    }

    [Test]
    public async Task Handle_WhenTheRevocationStoreFails_PropagatesAndStillLogsTheChangeTheDatabaseHolds()
    {
        // Arrange
        _revocations
            .Setup(r => r.RevokeAllAsync(Subject, s_now, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ResourceUnavailableException("revocation store unreachable", TimeSpan.FromSeconds(1)));

        // Act
        await Assert.ThatAsync(
            async () => await _handler.Handle(new GrantScopesCommand(SampleEmployees.PranavEmail, [Scopes.UserWrite]), CancellationToken.None),
            Throws.TypeOf<ResourceUnavailableException>());

        // Assert
        Assert.That(_logs.Entries.Select(e => e.EventId.Id), Is.EqualTo(new[] { 1015 }));
    }

    [Test]
    public async Task Handle_PassesCancellationTokenToPorts()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();

        // Act
        await _handler.Handle(new GrantScopesCommand(SampleEmployees.PranavEmail, [Scopes.UserWrite]), cancellation.Token);

        // Assert
        _employees.Verify(s => s.FindByEmailAsync(SampleEmployees.PranavEmail, cancellation.Token), Times.Once);
        _grants.Verify(g => g.FindGrantedScopesAsync(s_pranav.EmpNo, cancellation.Token), Times.Once);
        _grants.Verify(
            g => g.SetGrantedScopesAsync(s_pranav.EmpNo, It.IsAny<IReadOnlyCollection<string>>(), s_now, cancellation.Token), Times.Once);
        _revocations.Verify(r => r.RevokeAllAsync(Subject, s_now, cancellation.Token), Times.Once);
    }
}
