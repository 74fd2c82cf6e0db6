using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Postgres;
using FastApiLearning.WebApi.PostgresTests.Support;

namespace FastApiLearning.WebApi.PostgresTests.Endpoints;

/// <summary>
/// The failure contract on PostgreSQL: the server stopped under a running instance gets 503s in the shapes
/// the callers expect, each within <c>Database:Timeout</c> and a margin, and <c>/readyz</c> 503; the server
/// started again, the same requests succeed without restarting the instance (its pools held connections
/// the stop broke).
/// </summary>
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    // Not a timing assertion: a request that has not answered by then is a hang, not a 503.
    private static readonly TimeSpan s_answerBound = PostgresAppInstance.DatabaseTimeout + TimeSpan.FromSeconds(5);

    // How long the instance may take to notice that the server is back.
    private static readonly TimeSpan s_recoveryBound = TimeSpan.FromSeconds(10);

    private static PostgresServer Server => PostgresSetUp.Server;

    private PostgresTestDatabase _database = null!;
    private PostgresAppInstance _app = null!;

    [SetUp]
    public async Task StartInstance()
    {
        // A fresh database: the instance migrates and seeds it at start, as a deployment would.
        _database = await PostgresTestDatabase.CreateAsync("outage", migrate: false);
        _app = new PostgresAppInstance(PostgresAppInstance.Settings(_database.ConnectionString, PostgresAppInstance.NewSigningKey()));
    }

    [TearDown]
    public async Task StopInstance()
    {
        Server.Start();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Requests_WhileTheServerIsStopped_Answer503WithinTheTimeout_AndRecoverWhenItIsBack()
    {
        using var client = _app.Client();
        var token = await PostgresAppInstance.TokenAsync(client);
        using (var me = await client.SendAsync(PostgresAppInstance.Get("/users/me", token)))
        using (var ready = await client.GetAsync("/readyz"))
        {
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the pools hold live connections before the stop");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Server.Stop();
        try
        {
            using var me = await AnsweredWithinBoundAsync(ct => client.SendAsync(PostgresAppInstance.Get("/users/me", token), ct));
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(me.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await me.Content.ReadAsStringAsync(), Does.Contain("The employees database is unavailable"));
            Assert.That(me.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));

            using var login = await AnsweredWithinBoundAsync(ct => client.PostAsync("/token", PostgresAppInstance.Login(SampleEmployees.BehaiEmail), ct));
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            using (var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync()))
            {
                Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo("temporarily_unavailable"));
            }

            using var notReady = await AnsweredWithinBoundAsync(ct => client.GetAsync("/readyz", ct));
            Assert.That(notReady.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            using var live = await AnsweredWithinBoundAsync(ct => client.GetAsync("/healthz", ct));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the process itself is alive");
        }
        finally
        {
            Server.Start();
        }

        // The first requests after the start may meet connections the stop broke; each such one is a 503,
        // not a 500, and the instance must recover by itself within a bounded time.
        var recovery = await RecoverAsync(client, token);
        TestContext.Out.WriteLine($"recovered after {recovery.Attempts} attempt(s), {recovery.Elapsed.TotalMilliseconds:F0} ms; "
            + $"statuses before: {string.Join(",", recovery.Statuses)}");
        Assert.That(recovery.Recovered, Is.True,
            $"no recovery within {s_recoveryBound.TotalSeconds} s without a restart; statuses: {string.Join(",", recovery.Statuses)}");
        Assert.That(recovery.Statuses, Is.All.EqualTo((int)HttpStatusCode.ServiceUnavailable), "a broken pooled connection is a 503, never a 500");

        using var meAgain = await client.SendAsync(PostgresAppInstance.Get("/users/me", token));
        using var readyAgain = await client.GetAsync("/readyz");
        var newToken = await PostgresAppInstance.TokenAsync(client);
        Assert.That(meAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(readyAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(newToken, Is.Not.Empty);
    }

    [Test]
    public async Task Requests_AfterTheServerRestartedUnnoticed_RecoverWithoutRestartingTheInstance()
    {
        using var client = _app.Client();
        var token = await PostgresAppInstance.TokenAsync(client);
        // Several requests at once, so that each pool holds several idle connections.
        var warm = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SendAsync(PostgresAppInstance.Get("/users/me", token))));
        Assert.That(warm.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        foreach (var response in warm)
        {
            response.Dispose();
        }

        // A restart between two requests: every idle pooled connection now leads to a closed backend.
        Server.Stop();
        Server.Start();

        var recovery = await RecoverAsync(client, token);
        TestContext.Out.WriteLine($"recovered after {recovery.Attempts} attempt(s), {recovery.Elapsed.TotalMilliseconds:F0} ms; "
            + $"statuses before: {string.Join(",", recovery.Statuses)}");
        Assert.That(recovery.Recovered, Is.True,
            $"no recovery within {s_recoveryBound.TotalSeconds} s without a restart; statuses: {string.Join(",", recovery.Statuses)}");
        Assert.That(recovery.Statuses, Is.All.EqualTo((int)HttpStatusCode.ServiceUnavailable), "a broken pooled connection is a 503, never a 500");
    }

    private static async Task<HttpResponseMessage> AnsweredWithinBoundAsync(Func<CancellationToken, Task<HttpResponseMessage>> send)
    {
        using var bound = new CancellationTokenSource(s_answerBound);
        try
        {
            return await send(bound.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            Assert.Fail($"no answer within Database:Timeout ({PostgresAppInstance.DatabaseTimeout.TotalSeconds} s) and a margin ({s_answerBound.TotalSeconds} s)");
            throw;
        }
    }

    private sealed record Recovery(bool Recovered, int Attempts, TimeSpan Elapsed, IReadOnlyList<int> Statuses);

    /// <summary>Logs in, asks for the profile and the readiness, until all three succeed; for a bounded time.</summary>
    private static async Task<Recovery> RecoverAsync(HttpClient client, string token)
    {
        var clock = Stopwatch.StartNew();
        var statuses = new List<int>();
        var attempts = 0;
        while (clock.Elapsed < s_recoveryBound)
        {
            attempts++;
            using var me = await AnsweredWithinBoundAsync(ct => client.SendAsync(PostgresAppInstance.Get("/users/me", token), ct));
            using var login = await AnsweredWithinBoundAsync(ct => client.PostAsync("/token", PostgresAppInstance.Login(SampleEmployees.BehaiEmail), ct));
            using var ready = await AnsweredWithinBoundAsync(ct => client.GetAsync("/readyz", ct));
            var failed = new[] { me, login, ready }.Where(r => !r.IsSuccessStatusCode).Select(r => (int)r.StatusCode).ToList();
            if (failed.Count == 0)
            {
                return new Recovery(true, attempts, clock.Elapsed, statuses);
            }

            statuses.AddRange(failed);
            await Task.Delay(100);
        }

        return new Recovery(false, attempts, clock.Elapsed, statuses);
    }
}
