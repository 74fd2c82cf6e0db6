using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>
/// The real app in memory, with a known signing key so tests can forge tokens, on a SQLite database of
/// its own (a file in a temp folder, migrated at start and seeded with the sample users, removed on dispose).
/// </summary>
/// <param name="configure">More settings or test services, applied after the defaults.</param>
public sealed class ApiFactory(Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    private readonly string _databaseFolder = Path.Combine(Path.GetTempPath(), $"fal-api-{Guid.NewGuid():N}");

    public string DatabaseConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(_databaseFolder, "employees.db"),
    }.ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jwt:SigningKey", TestTokens.SigningKey);
        // The test client's origin (http://localhost), as Jwt:Issuer: App:PublicOrigin would also change the cross-site check.
        builder.UseSetting("Jwt:Issuer", TestTokens.Issuer);
        builder.UseSetting("Jwt:Audience", TestTokens.Audience);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Employees", DatabaseConnectionString);
        // The rows of EmployeeStore:DataFile (the sample users unless a test names another file).
        builder.UseSetting("Database:SeedSampleUsers", "true");
        configure?.Invoke(builder);
    }

    public HttpClient CreateApiClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_databaseFolder))
        {
            // Pooled connections keep the file open.
            SqliteConnection.ClearPool(new SqliteConnection(DatabaseConnectionString));
            Directory.Delete(_databaseFolder, recursive: true);
        }
    }
}
