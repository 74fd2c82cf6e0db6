using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.RevokeToken;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Auth.RevokeToken;

public sealed class RevokeTokenCommandHandlerTests
{
    private const string Refresh = "a-refresh-token";
    private const string Access = "header.payload.signature";

    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly RefreshTokenFamily s_family = new("family-1", 500222, "", ["user:read"], s_now.AddDays(-1));
    private static readonly ValidatedAccessToken s_access =
        new("jti-1", "500222", null, s_now.AddMinutes(-1), s_now.AddMinutes(29), ["user:read"], null, "family-1", "iss", "aud");

    private Mock<IRefreshTokenStore> _store = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private Mock<IAccessTokenValidator> _accessTokens = null!;
    private Mock<IClientRegistry> _clients = null!;
    private RevokeTokenCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _store = new Mock<IRefreshTokenStore>();
        _store.Setup(s => s.FindAsync(TokenHandles.Hash(Refresh), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RefreshTokenRecord(TokenHandles.Hash(Refresh), s_family, s_now, s_now.AddDays(7)));
        _store.Setup(s => s.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _revocations = new Mock<IRevocationStore>();
        _accessTokens = new Mock<IAccessTokenValidator>();
        _accessTokens.Setup(a => a.ValidateAsync(Access, It.IsAny<CancellationToken>())).ReturnsAsync(s_access);
        _clients = new Mock<IClientRegistry>();
        _clients.Setup(c => c.Find("rs")).Returns(new OAuthClient("rs", "RS", true, [], [], false));
        _clients.Setup(c => c.Find("app")).Returns(new OAuthClient("app", "App", false, [], [], false));
        _handler = new RevokeTokenCommandHandler(
            _store.Object,
            _revocations.Object,
            _accessTokens.Object,
            _clients.Object,
            new SessionRevocation(_store.Object, _revocations.Object),
            new FakeTimeProvider(s_now),
            new LogCapture());
    }

    [TestCase(null)]
    [TestCase("access_token")]
    public async Task Handle_ARefreshToken_EndsItsSession(string? hint)
    {
        var result = await _handler.Handle(new RevokeTokenCommand(Refresh, hint), CancellationToken.None);

        Assert.That(result, Is.EqualTo(RevokeTokenResult.Done));
        _store.Verify(s => s.RevokeFamilyAsync("family-1", s_now, It.IsAny<CancellationToken>()), Times.Once);
        // The access tokens issued in the session go with it.
        _revocations.Verify(r => r.RevokeSessionAsync("family-1", s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.VerifyNoOtherCalls();
    }

    [TestCase(null)]
    [TestCase("access_token")]
    public async Task Handle_AnAccessToken_RevokesItsIdUntilItExpires(string? hint)
    {
        var result = await _handler.Handle(new RevokeTokenCommand(Access, hint), CancellationToken.None);

        Assert.That(result, Is.EqualTo(RevokeTokenResult.Done));
        _revocations.Verify(r => r.RevokeAsync("jti-1", s_access.ExpiresAt, It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_AnUnknownToken_IsDoneAndRevokesNothing()
    {
        var result = await _handler.Handle(new RevokeTokenCommand("unknown"), CancellationToken.None);

        Assert.That(result, Is.EqualTo(RevokeTokenResult.Done));
        _revocations.VerifyNoOtherCalls();
        _store.Verify(s => s.RevokeFamilyAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenAConfidentialClientDoesNotProveItself_RevokesNothing()
    {
        var result = await _handler.Handle(new RevokeTokenCommand(Refresh, Client: new ClientCredentials("rs", "guess")), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RevokeTokenResult.InvalidClient>());
        _store.VerifyNoOtherCalls();
    }

    [TestCase("app")]
    [TestCase("rs")]
    public async Task Handle_WhenTheRefreshTokenWasIssuedToAnotherClient_RefusesButEndsTheLeakedSession(string clientId)
    {
        // The family is an anonymous caller's ("" client id): a registered client presenting it holds a leaked token.
        // The refusal stays (§2.1), but the session ends, as at /token: a 400 for a live token and a 200 for an
        // unknown one must not tell a thief, unthrottled, which of their tokens still work.
        var client = new ClientCredentials(clientId, clientId == "rs" ? "secret" : null);
        _clients.Setup(c => c.IsSecretValid(It.Is<OAuthClient>(o => o.ClientId == "rs"), "secret")).Returns(true);

        var result = await _handler.Handle(new RevokeTokenCommand(Refresh, Client: client), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RevokeTokenResult.OtherClientsToken>());
        _store.Verify(s => s.RevokeFamilyAsync("family-1", s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeSessionAsync("family-1", s_now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheAccessTokenWasIssuedToAnotherClient_RefusesAndRevokesNothing()
    {
        var result = await _handler.Handle(
            new RevokeTokenCommand(Access, RevokeTokenCommand.AccessTokenHint, new ClientCredentials("app", null)), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RevokeTokenResult.OtherClientsToken>());
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenAnAnonymousCallerPresentsAClientsAccessToken_RefusesAndRevokesNothing()
    {
        _accessTokens.Setup(a => a.ValidateAsync(Access, It.IsAny<CancellationToken>())).ReturnsAsync(s_access with { ClientId = "app" });

        var result = await _handler.Handle(new RevokeTokenCommand(Access), CancellationToken.None);

        Assert.That(result, Is.TypeOf<RevokeTokenResult.OtherClientsToken>());
        _revocations.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTheClientRevokesItsOwnTokens_RevokesThem()
    {
        _store.Setup(s => s.FindAsync(TokenHandles.Hash(Refresh), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RefreshTokenRecord(TokenHandles.Hash(Refresh), s_family with { ClientId = "app" }, s_now, s_now.AddDays(7)));
        _accessTokens.Setup(a => a.ValidateAsync(Access, It.IsAny<CancellationToken>())).ReturnsAsync(s_access with { ClientId = "app" });
        var client = new ClientCredentials("app", null);

        var refresh = await _handler.Handle(new RevokeTokenCommand(Refresh, Client: client), CancellationToken.None);
        var access = await _handler.Handle(new RevokeTokenCommand(Access, Client: client), CancellationToken.None);

        Assert.That(new[] { refresh, access }, Is.All.EqualTo(RevokeTokenResult.Done));
        _store.Verify(s => s.RevokeFamilyAsync("family-1", s_now, It.IsAny<CancellationToken>()), Times.Once);
        _revocations.Verify(r => r.RevokeAsync("jti-1", s_access.ExpiresAt, It.IsAny<CancellationToken>()), Times.Once);
    }
}
