using System.Net;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

/// <summary>The password-hashing gate seen from outside: a full queue is a quick 503, never a 500.</summary>
public sealed class LoginFloodTests
{
    [Test]
    public async Task PostToken_WhenTheHashingQueueIsFull_Answers503WithRetryAfterInOAuthShape()
    {
        // One hash at a time and no queue: concurrent logins beyond the one running are refused.
        // (24 simultaneous logins of one user would also pass the throttle's allowance: lifted here.)
        using var factory = new ApiFactory(builder =>
        {
            builder.UseSetting("PasswordHashing:MaxConcurrency", "1");
            builder.UseSetting("PasswordHashing:MaxQueue", "0");
            builder.UseSetting("Throttling:MaxFailuresPerUsername", "1000");
        });
        using var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password))));

        var statuses = responses.Select(r => r.StatusCode).ToArray();
        Assert.That(statuses, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable));
        Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.OK));
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(refused.Headers.CacheControl?.NoStore, Is.True);
        using var json = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo("temporarily_unavailable"));
        Assert.That(json.RootElement.GetProperty("detail").GetString(), Does.Contain("try again"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task GetHealthz_AnswersWithoutAuthentication()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }
}
