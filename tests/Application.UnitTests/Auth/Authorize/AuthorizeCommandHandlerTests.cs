using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Authorize;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Auth.Authorize;

public sealed class AuthorizeCommandHandlerTests
{
    private const string Redirect = "https://client.example/callback";
    private static readonly Employee s_behai = SampleEmployees.Behai();
    private static readonly string s_challenge = Pkce.ChallengeOf(new string('v', 43));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private Mock<IClientRegistry> _clients = null!;
    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IScopeGrantStore> _grants = null!;
    private Mock<IAuthorizationCodeStore> _codes = null!;
    private AuthorizationCodeRecord? _stored;
    private AuthorizeCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _clients = new Mock<IClientRegistry>();
        Register(firstParty: true, allowed: ["user:read", "admin:read"]);
        _employees = new Mock<IEmployeeStore>();
        _employees.Setup(e => e.FindByEmpNoAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(s_behai);
        _grants = new Mock<IScopeGrantStore>();
        _grants.Setup(g => g.FindGrantedScopesAsync(s_behai.EmpNo, It.IsAny<CancellationToken>()))
            .ReturnsAsync(["user:read", "user:write"]);
        _codes = new Mock<IAuthorizationCodeStore>();
        _codes.Setup(c => c.AddAsync(It.IsAny<AuthorizationCodeRecord>(), It.IsAny<CancellationToken>()))
            .Callback<AuthorizationCodeRecord, CancellationToken>((code, _) => _stored = code)
            .Returns(ValueTask.CompletedTask);
        _handler = new AuthorizeCommandHandler(_clients.Object, _employees.Object, _grants.Object, _codes.Object, _clock, new LogCapture());
    }

    [Test]
    public async Task Handle_WhenThereIsNoSession_AsksForTheLogin()
    {
        var result = await _handler.Handle(Command() with { EmpNo = null }, CancellationToken.None);

        Assert.That(result, Is.SameAs(AuthorizeResult.LoginRequired));
        _codes.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTheSessionsEmployeeIsGone_AsksForTheLogin()
    {
        _employees.Setup(e => e.FindByEmpNoAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync((Employee?)null);

        var result = await _handler.Handle(Command(), CancellationToken.None);

        Assert.That(result, Is.SameAs(AuthorizeResult.LoginRequired));
    }

    [Test]
    public async Task Handle_ForAFirstPartyClient_IssuesACodeBoundToEverythingForSixtySeconds()
    {
        var result = await _handler.Handle(Command(), CancellationToken.None);

        var code = ((AuthorizeResult.CodeIssued)result).Code;
        Assert.That(_stored, Is.Not.Null);
        Assert.That(_stored!.CodeHash, Is.EqualTo(TokenHandles.Hash(code)), "stored only as its hash");
        Assert.That(_stored.ClientId, Is.EqualTo("client"));
        Assert.That(_stored.RedirectUri, Is.EqualTo(Redirect));
        Assert.That(_stored.CodeChallenge, Is.EqualTo(s_challenge));
        Assert.That(_stored.EmpNo, Is.EqualTo(s_behai.EmpNo));
        Assert.That(_stored.Scopes, Is.EqualTo(new[] { "user:read" }), "held and allowed: user:write is not allowed, admin:read not held");
        Assert.That(_stored.FamilyId, Has.Length.EqualTo(32));
        Assert.That(_stored.ExpiresAt, Is.EqualTo(_clock.GetUtcNow().AddSeconds(60)));
        Assert.That(_stored.UsedAt, Is.Null);
    }

    [Test]
    public async Task Handle_WhenAllowedScopesIncludeWhatTheEmployeeHolds_GrantsItBySatisfy()
    {
        Register(firstParty: true, allowed: ["super:*"]);

        await _handler.Handle(Command() with { Scope = null }, CancellationToken.None);

        Assert.That(_stored!.Scopes, Is.EqualTo(new[] { "user:read", "user:write" }));
    }

    [Test]
    public async Task Handle_WhenNothingAskedForIsAllowedAndHeld_RefusesTheScope()
    {
        var result = await _handler.Handle(Command() with { Scope = "admin:read user:write" }, CancellationToken.None);

        Assert.That(result, Is.TypeOf<AuthorizeResult.ScopeRefused>());
        _codes.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_ForAThirdPartyClientNotAskedYet_AsksForConsentWithTheScopes()
    {
        Register(firstParty: false, allowed: ["user:read", "user:write"]);

        var result = await _handler.Handle(Command() with { Scope = "user:write admin:read" }, CancellationToken.None);

        var consent = (AuthorizeResult.ConsentRequired)result;
        Assert.That(consent.Client.DisplayName, Is.EqualTo("Client"));
        Assert.That(consent.Scopes.Select(scope => scope.Name), Is.EqualTo(new[] { "user:write" }));
        _codes.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_ForAThirdPartyAskingOnlyForWhatTheEmployeeLacks_AsksForConsentWithNothingRatherThanRefusing()
    {
        Register(firstParty: false, allowed: ["user:read", "admin:read"]);

        var result = await _handler.Handle(Command() with { Scope = "admin:read" }, CancellationToken.None);

        // A ScopeRefused here would reach the client as invalid_scope: what the employee holds, told before consent.
        Assert.That(result, Is.TypeOf<AuthorizeResult.ConsentRequired>());
        Assert.That(((AuthorizeResult.ConsentRequired)result).Scopes, Is.Empty);
        _codes.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_ForAThirdPartyAskingOnlyForWhatTheClientMayNotHave_RefusesTheScopeWithoutConsent()
    {
        Register(firstParty: false, allowed: ["user:read"]);

        var result = await _handler.Handle(Command() with { Scope = "admin:read user:write" }, CancellationToken.None);

        Assert.That(result, Is.TypeOf<AuthorizeResult.ScopeRefused>());
    }

    [Test]
    public async Task Handle_ForAThirdPartyAllowedWithNothingToGrant_RefusesTheScope()
    {
        Register(firstParty: false, allowed: ["admin:read"]);

        var result = await _handler.Handle(Command() with { Scope = "admin:read", Consent = ConsentDecision.Allowed }, CancellationToken.None);

        Assert.That(result, Is.TypeOf<AuthorizeResult.ScopeRefused>());
        _codes.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_ForAThirdPartyClientAllowed_IssuesACode()
    {
        Register(firstParty: false, allowed: ["user:read"]);

        var result = await _handler.Handle(Command() with { Consent = ConsentDecision.Allowed }, CancellationToken.None);

        Assert.That(result, Is.TypeOf<AuthorizeResult.CodeIssued>());
    }

    [Test]
    public async Task Handle_WhenTheEmployeeDenied_IssuesNoCode()
    {
        Register(firstParty: false, allowed: ["user:read"]);

        var result = await _handler.Handle(Command() with { Consent = ConsentDecision.Denied }, CancellationToken.None);

        Assert.That(result, Is.TypeOf<AuthorizeResult.Denied>());
        _codes.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenACutoffWasWrittenSinceTheSessionsToken_KeepsTheCodeToItself()
    {
        // A password set (or "log out everywhere") committed after the request's session was judged: the code,
        // issued later than that cutoff, would outlive it.
        var sessionIssuedAt = _clock.GetUtcNow().AddMinutes(-5);
        _employees.Setup(e => e.FindTokensValidAfterAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(_clock.GetUtcNow().AddSeconds(-1));

        var result = await _handler.Handle(Command() with { SessionIssuedAt = sessionIssuedAt }, CancellationToken.None);

        Assert.That(result, Is.SameAs(AuthorizeResult.LoginRequired));
    }

    [Test]
    public async Task Handle_WhenTheCutoffIsOlderThanTheSessionsToken_IssuesTheCode()
    {
        var sessionIssuedAt = _clock.GetUtcNow().AddMinutes(-5);
        _employees.Setup(e => e.FindTokensValidAfterAsync(s_behai.EmpNo, It.IsAny<CancellationToken>())).ReturnsAsync(sessionIssuedAt.AddDays(-1));

        var result = await _handler.Handle(Command() with { SessionIssuedAt = sessionIssuedAt }, CancellationToken.None);

        Assert.That(result, Is.TypeOf<AuthorizeResult.CodeIssued>());
    }

    [Test]
    public void Handle_WhenTheClientWasNotChecked_Throws() =>
        Assert.ThrowsAsync<InvalidOperationException>(async () => await _handler.Handle(Command() with { RedirectUri = "https://evil.example" }, CancellationToken.None));

    private void Register(bool firstParty, string[] allowed) =>
        _clients.Setup(c => c.Find("client")).Returns(new OAuthClient("client", "Client", false, [Redirect], allowed, firstParty));

    private static AuthorizeCommand Command() =>
        new("client", Redirect, "code", "user:read user:write admin:read", s_challenge, "S256", s_behai.EmpNo);
}
