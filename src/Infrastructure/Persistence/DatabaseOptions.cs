using System.ComponentModel.DataAnnotations;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>The employees database (section <c>Database</c>; the connection string is <c>ConnectionStrings:Employees</c>).</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Employees";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply the migrations at start-up; false leaves it to the <c>migrate</c> command.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Insert the sample users missing by emp_no at start-up; null means in Development only.</summary>
    public bool? SeedSampleUsers { get; set; }

    /// <summary>The longest one database call may take before the request is answered 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long this instance serves a profile (<c>GET /users/me</c>) from memory; a write made by
    /// another instance or a command is seen this much later at most. Zero turns the cache off.
    /// </summary>
    public TimeSpan ProfileCacheTimeToLive { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most profiles this instance remembers (a few hundred bytes each).</summary>
    public int ProfileCacheCapacity { get; set; } = 10_000;

    /// <summary>A SQLite migration lock older than this was left by a process killed while migrating.</summary>
    public TimeSpan StaleMigrationLockAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <c>ConnectionStrings:Employees</c>, or for SQLite without one the file <c>data/employees.db</c>
    /// under the content root (set by <see cref="DatabaseOptionsSetup"/>).
    /// </summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new("Database:Provider must be Sqlite, Postgres or Fake.", [nameof(Provider)]);
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return new("Database:Timeout must be positive.", [nameof(Timeout)]);
        }

        if (ProfileCacheTimeToLive < TimeSpan.Zero || ProfileCacheCapacity < 1)
        {
            yield return new(
                "Database:ProfileCacheTimeToLive must not be negative and Database:ProfileCacheCapacity must be at least 1.",
                [nameof(ProfileCacheTimeToLive), nameof(ProfileCacheCapacity)]);
        }

        if (StaleMigrationLockAfter <= TimeSpan.Zero)
        {
            yield return new("Database:StaleMigrationLockAfter must be positive.", [nameof(StaleMigrationLockAfter)]);
        }

        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new(
                "Database:Provider is Postgres but no connection string is set: set ConnectionStrings:Employees "
                + "(for instance the environment variable ConnectionStrings__Employees) to "
                + "\"Host=...;Port=5432;Database=...;Username=...;Password=...\".",
                [nameof(ConnectionString)]);
        }
    }
}
