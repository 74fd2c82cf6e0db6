using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace FastApiLearning.TestSupport.Postgres;

/// <summary>
/// A real PostgreSQL 15 of the tests' own: a cluster made by <c>initdb</c> in a temporary folder,
/// served on a free 127.0.0.1 port with its Unix socket in that folder, that a test can stop and
/// start again on the same port and data. Never the cluster Debian's package may run on 5432.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so when the tests do, <c>initdb</c> and <c>pg_ctl</c> run as
/// the <c>postgres</c> OS user (<c>runuser</c>) in a folder handed to that user. Durability is off
/// (<c>fsync</c>, <c>synchronous_commit</c>, <c>full_page_writes</c>): a test cluster is thrown away.
/// </remarks>
public sealed partial class PostgresServer : IDisposable
{
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    private const string OsUser = "postgres";
    private const string Superuser = "postgres";
    private const string MaintenanceDatabase = "postgres";

    // pg_ctl waits this long itself; the process gets a little more before it is killed.
    private static readonly TimeSpan s_serverWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_processWait = s_serverWait + TimeSpan.FromSeconds(10);

    private readonly bool _asPostgresUser = Environment.IsPrivilegedProcess;
    private bool _initialised;

    /// <param name="port">A port of the caller's choice; a free one by default.</param>
    public PostgresServer(int? port = null)
    {
        Port = port ?? FreePort();
        Folder = Directory.CreateTempSubdirectory("fal-pg-").FullName;
        if (_asPostgresUser)
        {
            Run("chown", [$"{OsUser}:{OsUser}", Folder], asPostgresUser: false);
        }

        // A test run that ends without disposing still stops its server.
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    public int Port { get; }

    /// <summary>The temporary folder: the cluster's data, its log and its Unix socket.</summary>
    public string Folder { get; }

    public string DataDirectory => Path.Combine(Folder, "data");

    public string LogFile => Path.Combine(Folder, "postgres.log");

    public bool IsRunning { get; private set; }

    /// <summary>Where <c>initdb</c> and <c>pg_ctl</c> are: Debian does not put them on PATH.</summary>
    public static string BinDirectory =>
        Environment.GetEnvironmentVariable("POSTGRES_BIN_DIR") is { Length: > 0 } path ? path : DefaultBinDirectory;

    /// <summary>Makes the cluster on the first call, then starts the server and waits until it accepts connections.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        if (!_initialised)
        {
            if (!File.Exists(Tool("initdb")))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL 15 is not in {BinDirectory}: install Debian's postgresql package (test.sh does) or set POSTGRES_BIN_DIR.");
            }

            // Trust on 127.0.0.1 and the socket: nothing but this test run can reach either.
            Run(Tool("initdb"), ["-D", DataDirectory, "-A", "trust", "-U", Superuser, "--no-sync", "-E", "UTF8", "--locale=C"]);
            _initialised = true;
        }

        // pg_ctl hands -o to a shell, hence the quoted socket folder.
        var options = string.Join(' ',
            "-k", ShellQuote(Folder),
            "-c", "listen_addresses=127.0.0.1",
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off");
        try
        {
            Run(Tool("pg_ctl"), ["start", "-w", "-t", WaitSeconds, "-D", DataDirectory, "-l", LogFile, "-o", options]);
        }
        catch (InvalidOperationException)
        {
            // A server still coming up when pg_ctl gave up must not outlive the test run.
            StopQuietly();
            throw;
        }

        IsRunning = true;
    }

    /// <summary>Stops the server (open connections are cut) and keeps its data for <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (!IsRunning)
        {
            return;
        }

        try
        {
            Run(Tool("pg_ctl"), ["stop", "-w", "-t", WaitSeconds, "-D", DataDirectory, "-m", "fast"]);
        }
        catch (InvalidOperationException)
        {
            Run(Tool("pg_ctl"), ["stop", "-w", "-t", WaitSeconds, "-D", DataDirectory, "-m", "immediate"]);
        }

        IsRunning = false;
    }

    /// <summary>
    /// A new, empty database and the connection string to it. The string keeps Npgsql's pool, as
    /// the service's does: after a <see cref="Stop"/> its idle connections are broken, which is
    /// what the service must recover from.
    /// </summary>
    /// <param name="linguisticCollation">
    /// Sort text as people do (ICU's <c>en-US</c>) rather than byte by byte as the cluster's C locale does:
    /// what a production database often has, and what must not change the answers of columns kept in "C".
    /// </param>
    public string CreateDatabase(string name, bool linguisticCollation = false)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain lower-case identifier.", nameof(name));
        }

        using var connection = new NpgsqlConnection(ConnectionString(MaintenanceDatabase, pooling: false));
        connection.Open();
        // DDL takes no parameters: the name is checked above, and quoted.
        var collation = linguisticCollation ? " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'" : "";
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{collation}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public string ConnectionString(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            Pooling = pooling,
        }.ConnectionString;

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        try
        {
            Stop();
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <summary>The last lines of the server's log, for an exception message.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            return File.Exists(LogFile)
                ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines))
                : "(no log file)";
        }
        catch (IOException exception)
        {
            return $"(log unreadable: {exception.Message})";
        }
    }

    private static string WaitSeconds => ((int)s_serverWait.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Tool(string name) => Path.Combine(BinDirectory, name);

    private void StopOnExit(object? sender, EventArgs e)
    {
        if (IsRunning)
        {
            StopQuietly();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private void StopQuietly()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            Run(Tool("pg_ctl"), ["stop", "-w", "-t", WaitSeconds, "-D", DataDirectory, "-m", "immediate"]);
        }
        catch (InvalidOperationException)
        {
            // Nothing more to try; the caller reports the first failure.
        }
    }

    private void Run(string program, IReadOnlyList<string> arguments) => Run(program, arguments, _asPostgresUser);

    /// <summary>Runs a tool to its end, within a bounded time; a failure carries its output and the log's tail.</summary>
    private void Run(string program, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // A folder the postgres user may enter (the test run's may be root's).
            WorkingDirectory = Folder,
        };
        if (asPostgresUser)
        {
            foreach (var argument in new[] { "-u", OsUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', start.ArgumentList.Prepend(start.FileName));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{commandLine} did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"{commandLine} could not be run: {exception.Message}", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_processWait))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException(
                    $"{commandLine} did not finish within {s_processWait.TotalSeconds} s.\nServer log:\n{LogTail()}");
            }

            // The server started in the background must not hold the pipes; bounded all the same.
            Task.WaitAll([output, error], TimeSpan.FromSeconds(5));
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{commandLine} failed (exit code {process.ExitCode}):\n{Completed(output)}{Completed(error)}\nServer log:\n{LogTail()}");
            }
        }
    }

    private static string Completed(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : string.Empty;

    private static string ShellQuote(string value) => $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
