using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Application.UnitTests.Auth.Clients;

public sealed class ClientAuthenticationTests
{
    private static readonly OAuthClient s_confidential = new("rs", "RS", true, [], [], false);
    private static readonly OAuthClient s_public = new("spa", "SPA", false, [], [], false);

    private Mock<IClientRegistry> _registry = null!;

    [SetUp]
    public void SetUp()
    {
        _registry = new Mock<IClientRegistry>();
        _registry.Setup(r => r.Find("rs")).Returns(s_confidential);
        _registry.Setup(r => r.Find("spa")).Returns(s_public);
        _registry.Setup(r => r.Find(AuthenticatedClient.BrowserSessionId)).Returns(new OAuthClient(AuthenticatedClient.BrowserSessionId, "x", false, [], [], true));
        _registry.Setup(r => r.IsSecretValid(s_confidential, "secret")).Returns(true);
    }

    [TestCase(null, null, "", false)]
    [TestCase("", "ignored", "", false)]
    [TestCase("unregistered", "anything", "", false)]
    [TestCase(AuthenticatedClient.BrowserSessionId, null, "", false)]
    [TestCase("spa", null, "spa", false)]
    [TestCase("spa", "", "spa", false)]
    [TestCase("rs", "secret", "rs", true)]
    public void Authenticate_Identifies(string? clientId, string? secret, string expectedId, bool confidential) =>
        Assert.That(
            ClientAuthentication.Authenticate(_registry.Object, new ClientCredentials(clientId, secret)),
            Is.EqualTo(new AuthenticatedClient(expectedId, confidential)));

    [TestCase("rs", null)]
    [TestCase("rs", "")]
    [TestCase("rs", "wrong")]
    [TestCase("spa", "a-secret")]
    public void Authenticate_WhenARegisteredClientDoesNotProveItself_ReturnsNull(string clientId, string? secret) =>
        Assert.That(ClientAuthentication.Authenticate(_registry.Object, new ClientCredentials(clientId, secret)), Is.Null);
}
