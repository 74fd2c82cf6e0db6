using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace FastApiLearning.WebApi.PostgresTests.Support;

/// <summary>
/// An employees database of its own on the assembly's PostgreSQL (<see cref="PostgresSetUp"/>), with the
/// store, the import and the contexts as the app makes them; dropped on dispose.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _connections = [];

    private PostgresTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Pooled, as the service's is.</summary>
    public string ConnectionString { get; }

    /// <summary>A new, empty database named after <paramref name="purpose"/>; migrated unless told otherwise.</summary>
    /// <param name="linguisticCollation">The database sorts text by ICU's en-US, not byte by byte (<see cref="TestSupport.Postgres.PostgresServer.CreateDatabase"/>).</param>
    public static async Task<PostgresTestDatabase> CreateAsync(string purpose, bool migrate = true, bool linguisticCollation = false)
    {
        var name = $"{purpose}_{Guid.NewGuid():N}";
        var database = new PostgresTestDatabase(name, PostgresSetUp.Server.CreateDatabase(name, linguisticCollation));
        if (migrate)
        {
            await using var db = await database.Contexts().CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }

        return database;
    }

    public DatabaseOptions Options(TimeSpan? timeout = null) => new()
    {
        Provider = DatabaseProvider.Postgres,
        ConnectionString = ConnectionString,
        Timeout = timeout ?? TimeSpan.FromSeconds(2),
    };

    /// <summary>Pooled contexts as the app makes them (<see cref="EmployeesDbContextOptions"/>).</summary>
    public IDbContextFactory<EmployeesDbContext> Contexts(TimeSpan? timeout = null)
    {
        var builder = new DbContextOptionsBuilder<PostgresEmployeesDbContext>();
        EmployeesDbContextOptions.UsePostgres(builder, Options(timeout));
        return new EmployeesDbContextFactory<PostgresEmployeesDbContext>(new PooledDbContextFactory<PostgresEmployeesDbContext>(builder.Options));
    }

    public EfEmployeeStore Store(TimeSpan? timeout = null) => new(Calls(timeout));

    public EfEmployeeDirectory Directory() => new(Calls());

    public EfScopeGrantStore Grants() => new(Calls());

    /// <summary>The bounded calls the app's stores make, over connections of their own (disposed with the database).</summary>
    public DatabaseCalls Calls(TimeSpan? timeout = null)
    {
        var options = Options(timeout);
        var connections = EmployeesConnections.For(options);
        _connections.Add(connections);
        return new DatabaseCalls(Contexts(timeout), connections, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
    }

    public EfEmployeeImport Import() => new(Contexts());

    /// <summary>The migrator as the app makes it, seeding the sample users' file (src/Infrastructure/Data/employees.json).</summary>
    public DatabaseMigrator Migrator(string environment = "Testing") => new(
        Contexts(),
        Microsoft.Extensions.Options.Options.Create(Options()),
        Microsoft.Extensions.Options.Options.Create(new Infrastructure.Users.EmployeeStoreOptions()),
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment },
        TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance);

    /// <summary>
    /// Empties the tables and puts <paramref name="employees"/> in as given (emp_no, hash and all, with the
    /// lower-cased names the app writes), past the store.
    /// </summary>
    public async Task ResetAsync(params Employee[] employees)
    {
        await using var connection = await OpenAsync();
        // The grants go with the employees they belong to.
        await using (var truncate = new NpgsqlCommand("TRUNCATE employees CASCADE", connection))
        {
            await truncate.ExecuteNonQueryAsync();
        }

        foreach (var e in employees)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO employees (emp_no, email, password, birth_date, first_name, last_name, gender, hire_date, first_name_lower, last_name_lower) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", connection)
            {
                Parameters =
                {
                    new() { Value = e.EmpNo },
                    new() { Value = e.Email },
                    new() { Value = e.PasswordHash },
                    new() { Value = e.BirthDate },
                    new() { Value = e.FirstName },
                    new() { Value = e.LastName },
                    new() { Value = e.Gender.ToString() },
                    new() { Value = e.HireDate },
                    new() { Value = e.FirstName.ToLowerInvariant() },
                    new() { Value = e.LastName.ToLowerInvariant() },
                },
            };
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A plain connection, for what the tests do or look at behind the store's back.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connections in _connections)
        {
            await connections.DisposeAsync();
        }

        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        if (!PostgresSetUp.Server.IsRunning)
        {
            return;
        }

        // WITH (FORCE) cuts the connections an app instance may still hold. The name is ours, plain and quoted.
        await using var maintenance = new NpgsqlConnection(PostgresSetUp.Server.ConnectionString("postgres", pooling: false));
        await maintenance.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", maintenance);
        await drop.ExecuteNonQueryAsync();
    }
}
