using System.Net;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.PostgresTests.Support;
using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.WebApi.PostgresTests.Instances;

/// <summary>
/// Two instances starting at once against one fresh database: both migrate at start-up, and the migrator's
/// lock makes them take turns over all the migrations, so neither trips over the other's tables.
/// </summary>
public sealed class StartupTogetherTests
{
    [Test]
    public async Task TwoInstances_StartingTogetherOnAFreshDatabase_BothMigrateOnceAndServeTheSampleUsers()
    {
        await using var database = await PostgresTestDatabase.CreateAsync("startup_together", migrate: false);
        var settings = PostgresAppInstance.Settings(database.ConnectionString, PostgresAppInstance.NewSigningKey());
        await using var a = new PostgresAppInstance(settings);
        await using var b = new PostgresAppInstance(settings);

        // Both hosts start (and migrate) on their own threads, released at the same moment.
        using var go = new ManualResetEventSlim();
        var starting = new[] { a, b }.Select(app => Task.Run(() =>
        {
            go.Wait();
            return app.Client();
        })).ToArray();
        go.Set();
        var clients = await Task.WhenAll(starting);

        try
        {
            foreach (var (client, name) in clients.Zip(["a", "b"]))
            {
                using var ready = await client.GetAsync("/readyz");
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"instance {name} is ready");
                foreach (var email in new[] { SampleEmployees.BehaiEmail, SampleEmployees.PranavEmail })
                {
                    var token = await PostgresAppInstance.TokenAsync(client, email);
                    using var me = await client.SendAsync(PostgresAppInstance.Get("/users/me", token));
                    Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{email} on instance {name}");
                    Assert.That(await me.Content.ReadAsStringAsync(), Does.Contain(email));
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        await using var db = await database.Contexts().CreateDbContextAsync();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.That(migrations, Is.Not.Empty);
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\""), Is.EqualTo(migrations.Count),
            "each migration applied once");
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM employees"), Is.EqualTo(5), "the sample users seeded once");
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM employee_scopes"), Is.EqualTo(5), "with their grants");
    }
}
