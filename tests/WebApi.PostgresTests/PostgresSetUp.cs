using System.Diagnostics;
using FastApiLearning.TestSupport.Postgres;

namespace FastApiLearning.WebApi.PostgresTests;

/// <summary>
/// One PostgreSQL server for the whole test assembly (initdb costs seconds), started before the first
/// test and removed after the last; each fixture makes its own database on it.
/// </summary>
[SetUpFixture]
public sealed class PostgresSetUp
{
    private static PostgresServer? s_server;

    public static PostgresServer Server =>
        s_server ?? throw new InvalidOperationException("The PostgreSQL server starts in PostgresSetUp's one-time set-up.");

    [OneTimeSetUp]
    public void StartServer()
    {
        var started = Stopwatch.StartNew();
        s_server = new PostgresServer();
        s_server.Start();
        TestContext.Progress.WriteLine(
            $"PostgreSQL started in {started.ElapsedMilliseconds} ms on 127.0.0.1:{s_server.Port}, data in {s_server.DataDirectory}");
    }

    [OneTimeTearDown]
    public void RemoveServer()
    {
        s_server?.Dispose();
        s_server = null;
    }
}
