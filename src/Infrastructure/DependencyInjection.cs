using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Clients;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.Infrastructure.Redis;
using FastApiLearning.Infrastructure.Security;
using FastApiLearning.Infrastructure.Sessions;
using FastApiLearning.Infrastructure.Throttling;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.Infrastructure.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure;

public static class DependencyInjection
{
    /// <summary>One name for every instance, so that they read each other's protected cookies.</summary>
    public const string DataProtectionApplicationName = "FastApiLearning";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // The sample users' file: the Fake provider's whole data, the databases' seed.
        services.AddOptions<EmployeeStoreOptions>()
            .Bind(configuration.GetSection(EmployeeStoreOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<DatabaseOptions>, DatabaseOptionsSetup>();
        switch (configuration.GetSection(DatabaseOptions.SectionName).GetValue(nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite))
        {
            case DatabaseProvider.Fake:
                services.AddSingleton(sp =>
                    InMemoryEmployeeStore.FromFile(sp.GetRequiredService<IOptions<EmployeeStoreOptions>>().Value.ResolvedDataFile));
                services.AddSingleton<IEmployeeStore>(sp => sp.GetRequiredService<InMemoryEmployeeStore>());
                services.AddSingleton<IEmployeeImport>(sp => sp.GetRequiredService<InMemoryEmployeeStore>());
                services.AddSingleton<IEmployeeDirectory>(sp => sp.GetRequiredService<InMemoryEmployeeStore>());
                services.AddSingleton<IScopeGrantStore>(sp => sp.GetRequiredService<InMemoryEmployeeStore>());
                // Refresh tokens and codes in this process's memory, ended with their employee.
                services.AddSingleton<IRefreshTokenStore, MemoryRefreshTokenStore>();
                services.AddSingleton<IAuthorizationCodeStore, MemoryAuthorizationCodeStore>();
                break;
            case DatabaseProvider.Postgres:
                services.AddPooledDbContextFactory<PostgresEmployeesDbContext>((sp, builder) =>
                    EmployeesDbContextOptions.UsePostgres(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
                services.AddSingleton<IDbContextFactory<EmployeesDbContext>, EmployeesDbContextFactory<PostgresEmployeesDbContext>>();
                AddEmployeesDatabase(services);
                break;
            default:
                services.AddPooledDbContextFactory<SqliteEmployeesDbContext>((sp, builder) =>
                    EmployeesDbContextOptions.UseSqlite(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
                services.AddSingleton<IDbContextFactory<EmployeesDbContext>, EmployeesDbContextFactory<SqliteEmployeesDbContext>>();
                services.AddSingleton(sp =>
                {
                    var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                    return new SqliteDataVersion(options.ConnectionString!, EmployeesDbContextOptions.TimeoutSeconds(options));
                });
                AddEmployeesDatabase(services);
                // Refresh-token writes through one connection of their own, batched into one commit (SqliteSessionWriter).
                services.AddSingleton(sp =>
                {
                    var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                    return new SqliteSessionWriter(options.ConnectionString!, EmployeesDbContextOptions.TimeoutSeconds(options));
                });
                services.Replace(ServiceDescriptor.Singleton<IRefreshTokenStore, SqliteRefreshTokenStore>());
                break;
        }

        services.AddOptions<PasswordHashingOptions>()
            .Bind(configuration.GetSection(PasswordHashingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<IPasswordHasher, GatedPasswordHasher>();

        services.AddOptions<JwtOptions>()
            .Bind(configuration.GetSection(JwtOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JwtOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<JwtOptions>>(sp => sp.GetRequiredService<JwtOptionsSetup>());
        services.AddSingleton<IValidateOptions<JwtOptions>>(sp => sp.GetRequiredService<JwtOptionsSetup>());
        services.AddSingleton<IValidateOptions<JwtOptions>, RefreshTokenLifetimesValidation>();
        services.AddSingleton<JwtSigningKeys>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
        // How JwtBearer checks a token; WebApi adds the scheme and what happens around a request.
        services.AddSingleton<CachingTokenHandler>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerOptionsSetup>();
        // Revocation and introspection check a token as JwtBearer does.
        services.AddSingleton<IAccessTokenValidator, JwtAccessTokenValidator>();

        // The configured refresh-token lifetimes replace Application's defaults (the last registration wins).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JwtOptions>>().Value.ToRefreshTokenLifetimes());

        services.AddOptions<ClientOptions>()
            .Bind(configuration.GetSection(ClientOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IClientRegistry, ConfiguredClientRegistry>();

        services.AddOptions<ThrottlingOptions>()
            .Bind(configuration.GetSection(ThrottlingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ILoginThrottle, LoginThrottle>();

        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);

        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            // One process: revocations and counters in its memory, the key ring in the default place.
            services.AddSingleton<IRevocationStore, MemoryRevocationStore>();
            services.AddSingleton<IAttemptCounterStore, MemoryAttemptCounterStore>();
        }
        else
        {
            AddRedisStores(services, configuration, redis);
        }

        return services;
    }

    /// <summary>The store, import, directory, grants, migrations and readiness over either provider's context factory.</summary>
    private static void AddEmployeesDatabase(IServiceCollection services)
    {
        services.AddSingleton(sp => EmployeesConnections.For(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<DatabaseCalls>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            // SQLite says cheaply whether anything changed (registered for it only); PostgreSQL is asked every time.
            return new EfEmployeeStore(sp.GetRequiredService<DatabaseCalls>(), sp.GetService<SqliteDataVersion>(), options.ProfileCacheCapacity);
        });
        services.AddSingleton<IEmployeeStore>(sp =>
        {
            var store = sp.GetRequiredService<EfEmployeeStore>();
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return options.ProfileCacheTimeToLive > TimeSpan.Zero
                ? new CachingEmployeeStore(store, sp.GetRequiredService<TimeProvider>(), options.ProfileCacheTimeToLive, options.ProfileCacheCapacity)
                : store;
        });
        services.AddSingleton<IEmployeeImport, EfEmployeeImport>();
        // A directory edit forgets the profile this instance may remember (when it remembers any).
        services.AddSingleton<IEmployeeDirectory>(sp =>
            new EfEmployeeDirectory(sp.GetRequiredService<DatabaseCalls>(), sp.GetRequiredService<IEmployeeStore>() as CachingEmployeeStore));
        services.AddSingleton<IScopeGrantStore, EfScopeGrantStore>();
        services.AddSingleton<IRefreshTokenStore, EfRefreshTokenStore>();
        services.AddSingleton<IAuthorizationCodeStore, EfAuthorizationCodeStore>();
        services.AddSingleton<DatabaseMigrator>();
        // Registered before the web server's own hosted service, so it runs before the server listens.
        services.AddHostedService<DatabaseStartup>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    /// <summary>Several instances: revocations, counters and the Data Protection key ring in one Redis.</summary>
    private static void AddRedisStores(IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<RedisOptions>()
            .Bind(configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => RedisConnection.Connect(connectionString, sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.AddSingleton<RedisCalls>();
        services.AddSingleton<IRevocationStore, RedisRevocationStore>();
        services.AddSingleton<IAttemptCounterStore, RedisAttemptCounterStore>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        services.AddHostedService<RedisConfigurationCheck>();

        // Device cookies and antiforgery tokens made by one instance are read by the others.
        services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((options, redis, redisOptions) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), redisOptions.Value.KeyPrefix + "data-protection-keys"));
    }
}
