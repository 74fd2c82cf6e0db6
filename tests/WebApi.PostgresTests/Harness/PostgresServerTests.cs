using System.Net.Sockets;
using FastApiLearning.TestSupport.Postgres;
using Npgsql;

namespace FastApiLearning.WebApi.PostgresTests.Harness;

/// <summary>
/// The tests' own PostgreSQL: it answers on its own port from its own data folder, stops and starts
/// again with its data, keeps databases apart, and cleans up after itself.
/// </summary>
[NonParallelizable]
public sealed class PostgresServerTests
{
    private static PostgresServer Server => PostgresSetUp.Server;

    [TearDown]
    public void StartAgainIfStopped() => Server.Start();

    [Test]
    public async Task Start_WhenCalled_AnswersFromItsOwnDataFolderAndPort()
    {
        await using var connection = await OpenAsync(Server.ConnectionString("postgres", pooling: false));

        var dataDirectory = await ScalarAsync<string>(connection, "SHOW data_directory");
        var port = await ScalarAsync<string>(connection, "SHOW port");
        var version = await ScalarAsync<string>(connection, "SHOW server_version_num");

        // Its own cluster, never the one Debian's package may run on 5432.
        Assert.That(dataDirectory, Is.EqualTo(Server.DataDirectory));
        Assert.That(port, Is.EqualTo(Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Not.EqualTo("5432"));
        Assert.That(version, Does.StartWith("15"));
    }

    [Test]
    public void Stop_WhenRunning_RefusesConnections()
    {
        var connectionString = Server.ConnectionString("postgres", pooling: false);

        Server.Stop();

        Assert.That(() => OpenAsync(connectionString), Throws.InstanceOf<NpgsqlException>()
            .With.InnerException.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
        Assert.That(Server.IsRunning, Is.False);
    }

    [Test]
    public async Task Start_AfterStop_AnswersAgainWithTheSameData()
    {
        var connectionString = WithoutPooling(Server.CreateDatabase("restart_keeps_data"));
        await using (var before = await OpenAsync(connectionString))
        {
            await ExecuteAsync(before, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
        }

        Server.Stop();
        Server.Start();

        await using var after = await OpenAsync(connectionString);
        Assert.That(await ScalarAsync<string>(after, "SELECT value FROM kept"), Is.EqualTo("still here"));
        Assert.That(Server.IsRunning, Is.True);
    }

    [Test]
    public async Task CreateDatabase_TwoNames_GivesTwoIndependentDatabases()
    {
        var first = WithoutPooling(Server.CreateDatabase("independent_first"));
        var second = WithoutPooling(Server.CreateDatabase("independent_second"));
        await using var one = await OpenAsync(first);
        await using var two = await OpenAsync(second);

        await ExecuteAsync(one, "CREATE TABLE only_in_first (id int); INSERT INTO only_in_first VALUES (1)");

        Assert.That(await ScalarAsync<string>(one, "SELECT current_database()"), Is.EqualTo("independent_first"));
        Assert.That(await ScalarAsync<string>(two, "SELECT current_database()"), Is.EqualTo("independent_second"));
        Assert.That(await ScalarAsync<bool>(one, "SELECT to_regclass('only_in_first') IS NOT NULL"), Is.True);
        Assert.That(await ScalarAsync<bool>(two, "SELECT to_regclass('only_in_first') IS NOT NULL"), Is.False);
    }

    [TestCase("Upper")]
    [TestCase("x\"; DROP DATABASE postgres; --")]
    [TestCase("")]
    public void CreateDatabase_WhenTheNameIsNotAPlainIdentifier_ThrowsWithoutRunningIt(string name)
    {
        // CREATE DATABASE takes no parameters: the name goes into the SQL, so only plain ones may.
        Assert.That(() => Server.CreateDatabase(name), Throws.ArgumentException.With.Message.Contains("plain lower-case identifier"));
    }

    [Test]
    public void Start_WhenThePortIsTaken_ThrowsWithTheServerLogTail()
    {
        // The shared server holds its port, so a second cluster on it cannot listen.
        using var second = new PostgresServer(port: Server.Port);

        Assert.That(second.Start, Throws.InvalidOperationException.With.Message
            .Contains("pg_ctl").And.Message.Contains("Server log:").And.Message.Contains("could not bind IPv4 address \"127.0.0.1\""));
        Assert.That(second.IsRunning, Is.False);
    }

    [Test]
    public void Dispose_WhenRunning_StopsTheServerAndDeletesItsFolder()
    {
        var server = new PostgresServer();
        server.Start();
        var connectionString = server.ConnectionString("postgres", pooling: false);

        server.Dispose();

        Assert.That(Directory.Exists(server.Folder), Is.False);
        Assert.That(() => OpenAsync(connectionString), Throws.InstanceOf<NpgsqlException>());
    }

    private static string WithoutPooling(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
