namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>Where the employees live (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A file beside the app, created and migrated on first start: one instance, no setup.</summary>
    Sqlite,

    /// <summary>One server for several instances.</summary>
    Postgres,

    /// <summary>The in-memory JSON store of the original tutorial: tests and throwaway demos.</summary>
    Fake,
}
