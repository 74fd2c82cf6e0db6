using System.ComponentModel.DataAnnotations;
using FastApiLearning.Infrastructure.Clients;

namespace FastApiLearning.Infrastructure.UnitTests.Clients;

public sealed class ClientOptionsTests
{
    [TestCase("s3cret")]
    [TestCase("a-secret-of-thirty-one-chars-xx")]
    public void Validate_AConfidentialClientWithAShortSecret_RefusesToStartAndSaysWhatToUse(string secret)
    {
        var options = new ClientOptions { Clients = [new RegisteredClient { ClientId = "reports", Secret = secret }] };

        var errors = options.Validate(new ValidationContext(options)).Select(error => error.ErrorMessage).ToList();

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("OAuth:Clients:0:Secret is shorter than 32 characters").And.Contain("openssl rand"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("a-secret-of-thirty-two-chars-xxx")]
    public void Validate_APublicClientOrALongEnoughSecret_IsAccepted(string? secret)
    {
        var options = new ClientOptions { Clients = [new RegisteredClient { ClientId = "reports", Secret = secret }] };

        Assert.That(options.Validate(new ValidationContext(options)), Is.Empty);
    }
}
