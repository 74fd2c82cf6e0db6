using System.Net;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.PostgresTests.Support;

namespace FastApiLearning.WebApi.PostgresTests.Instances;

/// <summary>
/// Two instances as a deployment runs them: one PostgreSQL, one Redis, one signing key; and the
/// management commands run beside them in another host (here: in this process, with the same
/// configuration), whose changes every instance sees at once.
/// </summary>
[NonParallelizable]
public sealed class MultiInstanceTests
{
    private const string NewPassword = "a brand new passphrase";

    private RedisServer _redis = null!;
    private PostgresTestDatabase _database = null!;
    private Dictionary<string, string?> _settings = null!;
    private PostgresAppInstance _a = null!;
    private PostgresAppInstance _b = null!;
    private HttpClient _clientA = null!;
    private HttpClient _clientB = null!;

    [OneTimeSetUp]
    public void StartRedis()
    {
        _redis = new RedisServer();
        _redis.Start();
    }

    [OneTimeTearDown]
    public void StopRedis() => _redis.Dispose();

    [SetUp]
    public async Task StartInstances()
    {
        _database = await PostgresTestDatabase.CreateAsync("multi_instance", migrate: false);
        // Each test its own Redis keys, so that no revocation or count leaks into another test.
        _settings = PostgresAppInstance.Settings(
            _database.ConnectionString, PostgresAppInstance.NewSigningKey(), _redis.ConnectionString, $"fal-pg-test-{Guid.NewGuid():N}:");
        _a = new PostgresAppInstance(_settings);
        _b = new PostgresAppInstance(_settings);
        // Started (migrated and seeded) before any command runs, one after the other.
        _clientA = _a.Client();
        _clientB = _b.Client();
    }

    [TearDown]
    public async Task StopInstances()
    {
        _clientA.Dispose();
        _clientB.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task EmployeeAddedWithTheCommand_LogsInOnEitherInstance()
    {
        const string email = "ada.lovelace@example.com";

        var added = await CommandLine.RunAsync(_settings,
            ["employees", "add", "--email", email, "--first-name", "Ada", "--last-name", "Lovelace",
                "--gender", "F", "--birth-date", "1985-12-10", "--hire-date", "2024-01-15", "--password-stdin"],
            NewPassword + "\n");

        Assert.That(added.ExitCode, Is.EqualTo(0), added.ToString());
        var fromA = await PostgresAppInstance.TokenAsync(_clientA, email, NewPassword);
        var fromB = await PostgresAppInstance.TokenAsync(_clientB, email, NewPassword);
        using var aTokenOnB = await _clientB.SendAsync(PostgresAppInstance.Get("/users/me", fromA));
        using var bTokenOnA = await _clientA.SendAsync(PostgresAppInstance.Get("/users/me", fromB));
        Assert.That(aTokenOnB.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await aTokenOnB.Content.ReadAsStringAsync(), Does.Contain(email));
        Assert.That(bTokenOnA.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SetPasswordWithTheCommand_RefusesTheOldPasswordAndEarlierTokensOnBothInstances()
    {
        var earlierFromA = await PostgresAppInstance.TokenAsync(_clientA);
        var earlierFromB = await PostgresAppInstance.TokenAsync(_clientB);
        // Each token has been accepted on the other instance (and anything it caches is warm).
        await AssertProfileAsync(HttpStatusCode.OK, earlierFromA, earlierFromB);

        var set = await CommandLine.RunAsync(_settings, ["employees", "set-password", SampleEmployees.BehaiEmail, "--password-stdin"], NewPassword + "\n");

        Assert.That(set.ExitCode, Is.EqualTo(0), set.ToString());
        await AssertProfileAsync(HttpStatusCode.Unauthorized, earlierFromA, earlierFromB);
        using var oldOnB = await _clientB.PostAsync("/token", PostgresAppInstance.Login(SampleEmployees.BehaiEmail, SampleEmployees.Password));
        using var oldOnA = await _clientA.PostAsync("/token", PostgresAppInstance.Login(SampleEmployees.BehaiEmail, SampleEmployees.Password));
        Assert.That(oldOnB.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the old password on the other instance");
        Assert.That(oldOnA.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        // Issued just after the cutoff (iat_ms to the millisecond): accepted on both.
        var fresh = await PostgresAppInstance.TokenAsync(_clientB, SampleEmployees.BehaiEmail, NewPassword);
        await AssertProfileAsync(HttpStatusCode.OK, fresh);
    }

    [Test]
    public async Task RemoveWithTheCommand_RefusesThatEmployeesLiveTokenOnBothInstancesAtOnce()
    {
        var pranav = await PostgresAppInstance.TokenAsync(_clientA, SampleEmployees.PranavEmail);
        var behai = await PostgresAppInstance.TokenAsync(_clientB, SampleEmployees.BehaiEmail);
        await AssertProfileAsync(HttpStatusCode.OK, pranav, behai);

        var removed = await CommandLine.RunAsync(_settings, ["employees", "remove", SampleEmployees.PranavEmail, "--yes"]);

        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.ToString());
        // The first request after the command, on each instance: no waiting for a cache to expire.
        await AssertProfileAsync(HttpStatusCode.Unauthorized, pranav);
        await AssertProfileAsync(HttpStatusCode.OK, behai);
        using var loginOnB = await _clientB.PostAsync("/token", PostgresAppInstance.Login(SampleEmployees.PranavEmail));
        Assert.That(loginOnB.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>Asks <c>/users/me</c> with each token on instance A, then on instance B.</summary>
    private async Task AssertProfileAsync(HttpStatusCode expected, params string[] tokens)
    {
        foreach (var (client, name) in new[] { (_clientA, "A"), (_clientB, "B") })
        {
            foreach (var token in tokens)
            {
                using var me = await client.SendAsync(PostgresAppInstance.Get("/users/me", token));
                Assert.That(me.StatusCode, Is.EqualTo(expected), $"/users/me on instance {name}");
            }
        }
    }
}
