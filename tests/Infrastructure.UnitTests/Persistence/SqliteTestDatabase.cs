using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.Infrastructure.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>A SQLite employees database in a folder of its own under the temp folder, removed on dispose.</summary>
internal sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly List<SqliteDataVersion> _dataVersions = [];
    private readonly List<SqliteSessionWriter> _writers = [];

    private SqliteTestDatabase(string folder)
    {
        _folder = folder;
        Path = System.IO.Path.Combine(folder, "employees.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>A new database; migrated unless told otherwise.</summary>
    public static async Task<SqliteTestDatabase> CreateAsync(bool migrate = true)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fal-db-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(folder);
        var database = new SqliteTestDatabase(folder);
        if (migrate)
        {
            await database.Migrator().MigrateAsync(CancellationToken.None);
        }

        return database;
    }

    public DatabaseOptions Options(TimeSpan? timeout = null, bool? seedSampleUsers = null, string? connectionString = null) => new()
    {
        Provider = DatabaseProvider.Sqlite,
        ConnectionString = connectionString ?? ConnectionString,
        Timeout = timeout ?? TimeSpan.FromSeconds(2),
        SeedSampleUsers = seedSampleUsers,
    };

    public IDbContextFactory<EmployeesDbContext> Contexts(TimeSpan? timeout = null) => ContextsFor(Options(timeout));

    /// <summary>Pooled contexts as the app makes them (<see cref="EmployeesDbContextOptions"/>).</summary>
    public static IDbContextFactory<EmployeesDbContext> ContextsFor(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<SqliteEmployeesDbContext>();
        EmployeesDbContextOptions.UseSqlite(builder, options);
        return new EmployeesDbContextFactory<SqliteEmployeesDbContext>(new PooledDbContextFactory<SqliteEmployeesDbContext>(builder.Options));
    }

    /// <summary>The store as the app makes it on SQLite: cutoffs remembered while the file's data version stands.</summary>
    public EfEmployeeStore Store(TimeSpan? timeout = null) => new(Calls(Options(timeout)), DataVersion());

    public EfEmployeeDirectory Directory(CachingEmployeeStore? profiles = null) => new(Calls(Options()), profiles);

    public EfScopeGrantStore Grants() => new(Calls(Options()));

    /// <summary>Each call a store of its own (its own pool and writer), as another instance of the app would hold.</summary>
    public SqliteRefreshTokenStore RefreshTokens(TimeProvider clock) => new(Calls(Options()), Writer(), clock);

    /// <summary>A refresh-token writer of its own over this file, disposed with the database.</summary>
    public SqliteSessionWriter Writer(int timeoutSeconds = 2)
    {
        var writer = new SqliteSessionWriter(ConnectionString, timeoutSeconds);
        _writers.Add(writer);
        return writer;
    }

    public EfAuthorizationCodeStore Codes(TimeProvider clock) => new(Calls(Options()), clock);

    public SqliteDataVersion DataVersion()
    {
        var dataVersion = new SqliteDataVersion(ConnectionString, commandTimeoutSeconds: 2);
        _dataVersions.Add(dataVersion);
        return dataVersion;
    }

    /// <summary>The store's bounded calls over the database <paramref name="options"/> name, timed by <paramref name="clock"/> (the system's by default).</summary>
    public static DatabaseCalls Calls(DatabaseOptions options, TimeProvider? clock = null) =>
        new(ContextsFor(options), EmployeesConnections.For(options), Microsoft.Extensions.Options.Options.Create(options), clock ?? TimeProvider.System);

    public EfEmployeeImport Import() => new(Contexts());

    /// <param name="connectionString">Another database than this one.</param>
    /// <param name="contexts">The contexts to migrate through (the store's pool, say); new ones by default.</param>
    public DatabaseMigrator Migrator(
        string environment = "Testing",
        bool? seedSampleUsers = null,
        TimeProvider? timeProvider = null,
        string? connectionString = null,
        IDbContextFactory<EmployeesDbContext>? contexts = null) =>
        new(
            contexts ?? ContextsFor(Options(seedSampleUsers: seedSampleUsers, connectionString: connectionString)),
            Microsoft.Extensions.Options.Options.Create(Options(seedSampleUsers: seedSampleUsers, connectionString: connectionString)),
            Microsoft.Extensions.Options.Options.Create(new EmployeeStoreOptions()),
            new HostingEnvironment { EnvironmentName = environment },
            timeProvider ?? TimeProvider.System,
            NullLogger<DatabaseMigrator>.Instance);

    /// <summary>Puts rows in as given (emp_no, hash and all), past the store.</summary>
    public async Task InsertAsync(params Employee[] employees)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        db.Employees.AddRange(employees.Select(e => new EmployeeRow
        {
            EmpNo = e.EmpNo,
            Email = e.Email,
            Password = e.PasswordHash,
            BirthDate = e.BirthDate,
            FirstName = e.FirstName,
            LastName = e.LastName,
            FirstNameLower = e.FirstName.ToLowerInvariant(),
            LastNameLower = e.LastName.ToLowerInvariant(),
            Gender = e.Gender,
            HireDate = e.HireDate,
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>A plain connection to the file, for what the tests do behind the store's back.</summary>
    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataVersion in _dataVersions)
        {
            dataVersion.Dispose();
        }

        foreach (var writer in _writers)
        {
            await writer.DisposeAsync();
        }

        // Pooled connections keep the file open.
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
