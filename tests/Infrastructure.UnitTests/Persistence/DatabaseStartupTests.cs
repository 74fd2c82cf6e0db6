using System.Security.Cryptography;
using FastApiLearning.Application;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.Infrastructure.Sessions;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.Infrastructure.Users;
using FastApiLearning.TestSupport.Employees;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>Start-up with Infrastructure's registrations: the provider chosen, migrations and seeding as configured.</summary>
public sealed class DatabaseStartupTests
{
    // The rows of src/Infrastructure/Data/employees.json, each with a grant.
    private const int SampleUserCount = 5;
    private const int MaryEmpNo = 10011;

    private SqliteTestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase() => _database = await SqliteTestDatabase.CreateAsync(migrate: false);

    [TearDown]
    public async Task RemoveDatabase() => await _database.DisposeAsync();

    [TestCase("Production")]
    [TestCase("Staging")]
    [TestCase("Testing")]
    public async Task Start_OutsideDevelopment_MigratesButSeedsNobody(string environment)
    {
        using var host = HostFor(environment);

        await host.StartAsync();

        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM employees"), Is.Zero, "no account with the password \"password\"");
        await host.StopAsync();
    }

    [Test]
    public async Task Start_InDevelopment_SeedsTheSampleUsers()
    {
        using var host = HostFor("Development");

        await host.StartAsync();

        var store = host.Services.GetRequiredService<IEmployeeStore>();
        // The database, behind this instance's profile cache.
        Assert.That(store, Is.InstanceOf<CachingEmployeeStore>());
        Assert.That(host.Services.GetRequiredService<EfEmployeeStore>(), Is.Not.Null);
        Assert.That(await store.ListAsync(0, 10, CancellationToken.None), Has.Count.EqualTo(SampleUserCount));
        var grants = host.Services.GetRequiredService<IScopeGrantStore>();
        Assert.That(grants, Is.InstanceOf<EfScopeGrantStore>());
        Assert.That(await grants.FindGrantedScopesAsync(MaryEmpNo, CancellationToken.None), Is.EqualTo(new[] { Scopes.Super }));
        Assert.That(host.Services.GetRequiredService<IEmployeeDirectory>(), Is.InstanceOf<EfEmployeeDirectory>());
        await host.StopAsync();
    }

    [Test]
    public async Task Start_WithTheProfileCache_ADirectoryEditIsServedAtOnce()
    {
        using var host = HostFor("Development");
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IEmployeeStore>();
        var directory = host.Services.GetRequiredService<IEmployeeDirectory>();
        var behai = SampleEmployees.Behai();
        var remembered = await store.FindByEmpNoAsync(behai.EmpNo, CancellationToken.None);
        var versioned = await directory.FindVersionedAsync(behai.EmpNo, CancellationToken.None);

        await directory.UpdateAsync(behai.EmpNo, new EmployeeDetails(behai.Email, "Behai", "Nguyen", behai.Gender, behai.BirthDate, behai.HireDate),
            versioned!.Version, CancellationToken.None);

        Assert.That(store, Is.InstanceOf<CachingEmployeeStore>());
        Assert.That(remembered?.LastName, Is.EqualTo("Doe"));
        Assert.That((await store.FindByEmpNoAsync(behai.EmpNo, CancellationToken.None))?.LastName, Is.EqualTo("Nguyen"), "not the remembered profile");
        await host.StopAsync();
    }

    [Test]
    public async Task Start_InProductionAskedToSeed_SeedsTheSampleUsers()
    {
        using var host = HostFor("Production", ("Database:SeedSampleUsers", "true"));

        await host.StartAsync();

        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM employees"), Is.EqualTo(SampleUserCount));
        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM employee_scopes"), Is.EqualTo(SampleUserCount));
        await host.StopAsync();
    }

    [Test]
    public async Task Start_WithMigrateOnStartupFalse_LeavesTheSchemaToTheMigrateCommand()
    {
        using var host = HostFor("Development", ("Database:MigrateOnStartup", "false"));

        await host.StartAsync();

        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"), Is.Zero);
        await host.StopAsync();
    }

    [Test]
    public async Task Start_WhenTheSqliteFileCannotBeCreated_StopsNamingThePath()
    {
        // A folder that is a file: nothing can be created under it, whoever runs the tests (root too).
        var notAFolder = Path.Combine(Path.GetDirectoryName(_database.Path)!, "not-a-folder");
        await File.WriteAllTextAsync(notAFolder, "");
        var path = Path.Combine(notAFolder, "employees.db");
        using var host = HostFor("Production", ("ConnectionStrings:Employees", $"Data Source={path}"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.StartAsync());

        Assert.That(error?.Message, Does.Contain(path).And.Contain("ConnectionStrings:Employees"));
    }

    [Test]
    public void Start_OnPostgresWithoutAConnectionString_IsRefusedSayingWhatToSet()
    {
        using var host = HostFor("Production", ("Database:Provider", "Postgres"), ("ConnectionStrings:Employees", null));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ToString());

        Assert.That(error?.Message, Does.Contain("ConnectionStrings__Employees"));
    }

    [TestCase("Database:Timeout", "00:00:00", "Database:Timeout must be positive")]
    [TestCase("Database:StaleMigrationLockAfter", "-00:00:01", "Database:StaleMigrationLockAfter must be positive")]
    public void Start_WithASettingOutOfRange_IsRefusedNamingIt(string key, string value, string message)
    {
        using var host = HostFor("Production", (key, value));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ToString());

        Assert.That(error?.Message, Does.Contain(message));
    }

    [Test]
    public async Task Start_WithTheFakeProvider_UsesTheInMemoryStoreAndNoDatabase()
    {
        using var host = HostFor("Production", ("Database:Provider", "Fake"));

        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<IEmployeeStore>(), Is.InstanceOf<InMemoryEmployeeStore>());
        var store = host.Services.GetRequiredService<InMemoryEmployeeStore>();
        Assert.That(host.Services.GetRequiredService<IEmployeeImport>(), Is.SameAs(store));
        Assert.That(host.Services.GetRequiredService<IEmployeeDirectory>(), Is.SameAs(store));
        Assert.That(host.Services.GetRequiredService<IScopeGrantStore>(), Is.SameAs(store));
        Assert.That(await store.FindGrantedScopesAsync(MaryEmpNo, CancellationToken.None), Is.EqualTo(new[] { Scopes.Super }));
        Assert.That(File.Exists(_database.Path), Is.False);
        await host.StopAsync();
    }

    [Test]
    public void Options_ForSqliteWithoutAConnectionString_UseDataEmployeesDbUnderTheContentRoot()
    {
        using var host = HostFor("Production", ("ConnectionStrings:Employees", null));

        var options = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        var expected = Path.Combine(host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath, "data", "employees.db");
        Assert.That(options.ConnectionString, Is.EqualTo($"Data Source={expected}"));
    }

    [Test]
    public void Services_OnPostgres_AreTheDatabasesDirectoryAndGrants()
    {
        using var host = HostFor("Production", ("Database:Provider", "Postgres"), ("ConnectionStrings:Employees", "Host=127.0.0.1;Database=unused"));

        Assert.That(host.Services.GetRequiredService<IEmployeeDirectory>(), Is.InstanceOf<EfEmployeeDirectory>());
        Assert.That(host.Services.GetRequiredService<IScopeGrantStore>(), Is.InstanceOf<EfScopeGrantStore>());
    }

    [TestCase("Sqlite", null, typeof(SqliteRefreshTokenStore), typeof(EfAuthorizationCodeStore))]
    [TestCase("Postgres", "Host=127.0.0.1;Database=unused", typeof(EfRefreshTokenStore), typeof(EfAuthorizationCodeStore))]
    [TestCase("Fake", null, typeof(MemoryRefreshTokenStore), typeof(MemoryAuthorizationCodeStore))]
    public void Services_OnEachProvider_KeepRefreshTokensAndCodesWithTheEmployees(string provider, string? connectionString, Type refreshTokens, Type codes)
    {
        using var host = connectionString is null
            ? HostFor("Production", ("Database:Provider", provider))
            : HostFor("Production", ("Database:Provider", provider), ("ConnectionStrings:Employees", connectionString));

        Assert.That(host.Services.GetRequiredService<IRefreshTokenStore>(), Is.InstanceOf(refreshTokens));
        Assert.That(host.Services.GetRequiredService<IAuthorizationCodeStore>(), Is.InstanceOf(codes));
    }

    [Test]
    public void Services_WithRefreshTokenLifetimesConfigured_ReplaceApplicationsDefaults()
    {
        using var host = HostFor(
            "Production",
            ("Jwt:RefreshTokenIdleLifetime", "1.00:00:00"),
            ("Jwt:RefreshTokenAbsoluteLifetime", "2.00:00:00"),
            ("Jwt:RefreshTokenBrowserGrace", "00:00:03"));

        Assert.That(
            host.Services.GetRequiredService<RefreshTokenLifetimes>(),
            Is.EqualTo(new RefreshTokenLifetimes(TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromSeconds(3))));
    }

    [TestCase("Jwt:RefreshTokenIdleLifetime", "00:00:00", "must be positive")]
    [TestCase("Jwt:RefreshTokenAbsoluteLifetime", "-1.00:00:00", "must be positive")]
    [TestCase("Jwt:RefreshTokenIdleLifetime", "31.00:00:00", "must not exceed Jwt:RefreshTokenAbsoluteLifetime")]
    [TestCase("Jwt:RefreshTokenBrowserGrace", "00:01:00", "under a minute")]
    [TestCase("Jwt:RefreshTokenBrowserGrace", "-00:00:01", "at least zero")]
    public void Start_WithRefreshTokenLifetimesOutOfRange_IsRefusedNamingThem(string key, string value, string message)
    {
        using var host = HostFor("Production", (key, value));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<JwtOptions>>().Value.ToString());

        Assert.That(error?.Message, Does.Contain(message).And.Contain(key));
    }

    private IHost HostFor(string environment, params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Jwt:Issuer"] = "http://localhost",
            ["ConnectionStrings:Employees"] = _database.ConnectionString,
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        // As Program.cs: Application's defaults first, Infrastructure's configured values after.
        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration);
        return builder.Build();
    }
}
