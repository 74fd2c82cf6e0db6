using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Redis;
using FastApiLearning.Infrastructure.Security;
using FastApiLearning.Infrastructure.Sessions;
using FastApiLearning.Infrastructure.Throttling;
using FastApiLearning.Infrastructure.Users;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FastApiLearning.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<EmployeeStoreOptions>()
            .Bind(configuration.GetSection(EmployeeStoreOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => File.Exists(o.ResolvedDataFile), "EmployeeStore:DataFile names no file.")
            .ValidateOnStart();
        services.AddSingleton<IEmployeeStore>(sp =>
            InMemoryEmployeeStore.FromFile(sp.GetRequiredService<IOptions<EmployeeStoreOptions>>().Value.ResolvedDataFile));

        services.AddOptions<PasswordHashingOptions>()
            .Bind(configuration.GetSection(PasswordHashingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<IPasswordHasher, GatedPasswordHasher>();

        services.AddOptions<JwtOptions>()
            .Bind(configuration.GetSection(JwtOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<JwtOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<JwtOptions>>(sp => sp.GetRequiredService<JwtOptionsSetup>());
        services.AddSingleton<IValidateOptions<JwtOptions>>(sp => sp.GetRequiredService<JwtOptionsSetup>());
        services.AddSingleton<JwtSigningKeys>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();

        services.AddSingleton<IRevocationStore, DistributedCacheRevocationStore>();

        services.AddOptions<ThrottlingOptions>()
            .Bind(configuration.GetSection(ThrottlingOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.UsernameWindow > TimeSpan.Zero && o.ClientWindow > TimeSpan.Zero
                && o.InitialBackoff > TimeSpan.Zero && o.MaxBackoff >= o.InitialBackoff, "Throttling windows and back-offs must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ILoginThrottle, LoginThrottle>();

        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            // One process: the standard in-memory cache holds revocations and counters.
            services.AddDistributedMemoryCache();
            services.AddSingleton<IAttemptCounterStore, DistributedCacheAttemptCounterStore>();
        }
        else
        {
            AddRedisStores(services, configuration, redis);
        }

        return services;
    }

    /// <summary>Several instances: revocations and counters in one Redis, shared by all of them.</summary>
    private static void AddRedisStores(IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<RedisOptions>()
            .Bind(configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Timeout > TimeSpan.Zero, "Redis:Timeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => RedisConnection.Connect(connectionString, sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.AddSingleton<IDistributedCache>(sp =>
        {
            var redis = sp.GetRequiredService<IConnectionMultiplexer>();
            var cache = new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix,
                ConnectionMultiplexerFactory = () => Task.FromResult(redis),
            }));
            return new FailClosedDistributedCache(cache);
        });
        services.AddSingleton<IAttemptCounterStore, RedisAttemptCounterStore>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
    }
}
