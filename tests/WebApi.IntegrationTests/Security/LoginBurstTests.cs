using System.Net;
using FastApiLearning.TestSupport.Security;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// A burst of simultaneous logins for one username, as an attacker writes them on hundreds of
/// connections at once: the throttle counts each attempt before its password is verified, so no
/// more passwords are verified than the allowance, however many arrive together.
/// </summary>
public sealed class LoginBurstTests
{
    private const int Burst = 260;
    private const int Allowance = 5;

    [Test]
    public async Task PostToken_TwoHundredSixtyWrongPasswordsAtOnce_VerifyAtMostTheAllowance()
    {
        // Arrange
        CountingPasswordHasher? hasher = null;
        using var factory = new ApiFactory(builder => builder.UseTestClientIp().CountPasswordChecks(h => hasher = h));
        using var client = factory.CreateApiClient();

        // Act: every request of the burst is under way before the first is answered.
        var statuses = await SendAllAsync(client, Enumerable.Range(0, Burst).Select(i => $"wrong-{i}"));
        using var rightAfter = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));

        // Assert
        Assert.That(hasher?.Verified, Is.LessThanOrEqualTo(Allowance + 1), "the burst's verifications and the right password's");
        Assert.That(statuses.Count(s => s == HttpStatusCode.BadRequest), Is.LessThanOrEqualTo(Allowance));
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.GreaterThanOrEqualTo(Burst - Allowance));
        Assert.That(rightAfter.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the right password once the limit is reached");
    }

    [Test]
    public async Task PostToken_TheRightPasswordInsideABurst_IsNotVerifiedOnceTheAllowanceIsSpent()
    {
        // Arrange: the right password is the last of the burst, sent when every wrong one is under way.
        CountingPasswordHasher? hasher = null;
        using var factory = new ApiFactory(builder => builder.UseTestClientIp().CountPasswordChecks(h => hasher = h));
        using var client = factory.CreateApiClient();

        // Act
        var passwords = Enumerable.Range(0, Burst - 1).Select(i => $"wrong-{i}").Append(Forms.Password);
        var statuses = await SendAllAsync(client, passwords);

        // Assert: whichever order the server saw them in, at most the allowance of wrong passwords was verified,
        // and the right password got through only if it was among the attempts let in. A right password gives
        // its attempt back (a success is no guess), so a wrong one arriving after it may take that place: the
        // wrong passwords verified, not all verifications, are what the allowance bounds.
        var succeeded = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.That(succeeded, Is.LessThanOrEqualTo(1));
        Assert.That(hasher?.Verified - succeeded, Is.LessThanOrEqualTo(Allowance));
        Assert.That(statuses.Count(s => s == HttpStatusCode.BadRequest), Is.LessThanOrEqualTo(Allowance));
    }

    [Test]
    public async Task PostToken_ABurstOverManyUsernamesFromOneAddress_VerifiesAtMostThePerClientLimit()
    {
        // Arrange
        CountingPasswordHasher? hasher = null;
        using var factory = new ApiFactory(builder => builder.UseTestClientIp().CountPasswordChecks(h => hasher = h));
        using var client = factory.CreateApiClient();

        // Act: one address, a different username each time, all at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i =>
            client.PostAsync("/token", Forms.Login($"user{i}@example.com", "wrong"))));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        // Assert: 30 a minute per client address.
        Assert.That(hasher?.Verified, Is.LessThanOrEqualTo(30));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.GreaterThanOrEqualTo(Burst - 30));
    }

    private static async Task<HttpStatusCode[]> SendAllAsync(HttpClient client, IEnumerable<string> passwords)
    {
        var responses = await Task.WhenAll(passwords.Select(password => client.PostAsync("/token", Forms.Login(Forms.Behai, password))));
        var statuses = responses.Select(r => r.StatusCode).ToArray();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        return statuses;
    }
}
