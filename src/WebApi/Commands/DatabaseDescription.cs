using System.Data.Common;

namespace FastApiLearning.WebApi.Commands;

/// <summary>
/// Names the employees database the configuration points at, for a message that says what could not be
/// reached: the provider and where it is (file, host, port, database), never a password.
/// </summary>
public static class DatabaseDescription
{
    // The parts of a connection string that say where; everything else (a password above all) stays out.
    private static readonly string[] s_whereKeys = ["Data Source", "DataSource", "Filename", "Host", "Server", "Port", "Database"];

    public static string Describe(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] is { Length: > 0 } configured ? configured : "Sqlite";
        if (provider.Equals("Fake", StringComparison.OrdinalIgnoreCase))
        {
            return $"the in-memory employees store (Database:Provider=Fake, EmployeeStore:DataFile={configuration["EmployeeStore:DataFile"]})";
        }

        var connectionString = configuration.GetConnectionString("Employees");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"the employees database (Database:Provider={provider}, the default connection: ConnectionStrings:Employees is not set)";
        }

        return $"the employees database (Database:Provider={provider}, {Where(connectionString)})";
    }

    private static string Where(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return "ConnectionStrings:Employees, which cannot be read as a connection string";
        }

        var parts = s_whereKeys
            .Where(key => builder.TryGetValue(key, out var value) && value is not null && value.ToString() is { Length: > 0 })
            .Select(key => $"{key}={builder[key]}")
            .ToList();
        return parts.Count > 0 ? string.Join("; ", parts) : "ConnectionStrings:Employees";
    }
}
