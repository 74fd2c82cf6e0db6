using FastApiLearning.Infrastructure.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Brings the employees database to the model (at start-up, and for the <c>migrate</c> command) and
/// seeds the sample users. Several instances migrating at once take turns: on EF Core's migration lock
/// (SQLite), on an advisory lock held over the whole run (PostgreSQL).
/// </summary>
public sealed partial class DatabaseMigrator(
    IDbContextFactory<EmployeesDbContext> contexts,
    IOptions<DatabaseOptions> options,
    IOptions<EmployeeStoreOptions> sampleUsers,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>The table in which EF Core's SQLite provider keeps its migration lock (one row while held).</summary>
    public const string SqliteLockTable = "__EFMigrationsLock";

    /// <summary>The PostgreSQL advisory lock (a number of the service's own) held while one instance migrates.</summary>
    public const long PostgresMigrationLock = 0x4641_4C5F_4D49_4752; // "FAL_MIGR"

    /// <summary>
    /// How long one statement of a migration may take: a migration rewrites whole tables (adding the directory's
    /// columns to 300,024 rows takes seconds), far past <see cref="DatabaseOptions.Timeout"/>, which bounds a request.
    /// </summary>
    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Sample users (with the password "password") go into Development databases only, unless asked for.</summary>
    public bool SeedsSampleUsers => options.Value.SeedSampleUsers ?? environment.IsDevelopment();

    /// <summary>Applies the migrations not yet applied; for SQLite, creates the folder and clears a stale lock first.</summary>
    /// <exception cref="InvalidOperationException">A SQLite file that cannot be opened or written (the message names it).</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await PrepareSqliteFileAsync(db, cancellationToken);
            db.Database.SetCommandTimeout(MigrationCommandTimeout);
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            db.Database.SetCommandTimeout(MigrationCommandTimeout);
            await MigrateHoldingSessionLockAsync(db, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    /// <summary>
    /// Inserts the sample users (<c>EmployeeStore:DataFile</c>) whose emp_no is missing, and their scope grants
    /// where that emp_no has no grant recorded; leaves every existing row alone, so that an existing database
    /// gets later additions without losing its own changes.
    /// </summary>
    /// <returns>How many employees were inserted.</returns>
    public async Task<int> SeedSampleUsersAsync(CancellationToken cancellationToken)
    {
        var file = InMemoryEmployeeStore.FromFile(sampleUsers.Value.ResolvedDataFile);
        var samples = await file.ListAsync(0, int.MaxValue, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        int inserted = 0, granted = 0;
        foreach (var sample in samples)
        {
            var email = Domain.Employees.Employee.NormalizeEmail(sample.Email);
            var gender = sample.Gender.ToString();
            var firstNameLower = sample.FirstName.ToLowerInvariant();
            var lastNameLower = sample.LastName.ToLowerInvariant();
            // ON CONFLICT DO NOTHING: a row with this emp_no (or, changed since, this email) stays as it is.
            inserted += await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO employees (emp_no, email, password, birth_date, first_name, last_name, first_name_lower, last_name_lower, gender, hire_date)
                VALUES ({sample.EmpNo}, {email}, {sample.PasswordHash}, {sample.BirthDate}, {sample.FirstName}, {sample.LastName}, {firstNameLower}, {lastNameLower}, {gender}, {sample.HireDate})
                ON CONFLICT DO NOTHING
                """,
                cancellationToken);

            if (await file.FindGrantedScopesAsync(sample.EmpNo, cancellationToken) is { } scopes)
            {
                // Only for an emp_no that is there, and never over a grant recorded since.
                var stored = GrantedScopes.Format(scopes);
                granted += await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO employee_scopes (emp_no, scopes)
                    SELECT emp_no, {stored} FROM employees WHERE emp_no = {sample.EmpNo}
                    ON CONFLICT DO NOTHING
                    """,
                    cancellationToken);
            }
        }

        LogSeeded(inserted, samples.Count, granted);
        return inserted;
    }

    /// <summary>
    /// EF Core's PostgreSQL lock (<c>LOCK TABLE</c> in each migration's transaction) is let go between two
    /// migrations, and an instance that was waiting then reads the history and applies the next migration
    /// while the first instance goes on to apply it too ("column already exists"). A session-level advisory
    /// lock held over the whole run makes instances take turns on all of them; one that waited finds nothing
    /// left to do. Npgsql's pool resets a returned connection (<c>DISCARD ALL</c>), which lets go of it too.
    /// </summary>
    private static async Task MigrateHoldingSessionLockAsync(EmployeesDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresMigrationLock})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresMigrationLock})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task PrepareSqliteFileAsync(EmployeesDbContext db, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            // Readers do not wait for the writer; set once, kept in the file. Also proves it can be written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL", cancellationToken);
            await ClearStaleLockAsync(db, cancellationToken);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The SQLite employees database {Path.GetFullPath(path)} cannot be opened or written ({e.Message}). "
                + "Check the folder and its permissions, or set ConnectionStrings:Employees to another file.",
                e);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A process killed while migrating leaves EF Core's lock row behind, and every later start waits for it
    /// for ever (a known EF Core issue with SQLite). A lock older than any migration takes is taken as such.
    /// </summary>
    private async Task ClearStaleLockAsync(EmployeesDbContext db, CancellationToken cancellationToken)
    {
        var exists = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {SqliteLockTable}")
            .SingleAsync(cancellationToken);
        if (exists == 0)
        {
            return;
        }

        var takenAt = await db.Database
            .SqlQuery<string>($"SELECT \"Timestamp\" AS \"Value\" FROM \"__EFMigrationsLock\"")
            .ToListAsync(cancellationToken);
        var staleBefore = timeProvider.GetUtcNow() - options.Value.StaleMigrationLockAfter;
        foreach (var timestamp in takenAt)
        {
            // An unreadable time cannot be waited out either.
            var stale = !DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at) || at < staleBefore;
            if (stale)
            {
                await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsLock\" WHERE \"Timestamp\" = {timestamp}", cancellationToken);
                LogStaleLockCleared(timestamp, options.Value.StaleMigrationLockAfter);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Cleared a stale SQLite migration lock taken at {TakenAt} (older than {StaleAfter}): a process was stopped while migrating.")]
    private partial void LogStaleLockCleared(string takenAt, TimeSpan staleAfter);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seeded {Inserted} of {Samples} sample users missing from the employees database, and {Granted} scope grants.")]
    private partial void LogSeeded(int inserted, int samples, int granted);
}
