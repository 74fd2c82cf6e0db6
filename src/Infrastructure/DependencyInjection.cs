using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Security;
using FastApiLearning.Infrastructure.Sessions;
using FastApiLearning.Infrastructure.Throttling;
using FastApiLearning.Infrastructure.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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

        // The standard in-memory cache unless a shared one (Redis) is registered.
        services.AddDistributedMemoryCache();
        services.AddSingleton<IRevocationStore, DistributedCacheRevocationStore>();

        services.AddOptions<ThrottlingOptions>()
            .Bind(configuration.GetSection(ThrottlingOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.UsernameWindow > TimeSpan.Zero && o.ClientWindow > TimeSpan.Zero
                && o.InitialBackoff > TimeSpan.Zero && o.MaxBackoff >= o.InitialBackoff, "Throttling windows and back-offs must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IAttemptCounterStore, DistributedCacheAttemptCounterStore>();
        services.AddSingleton<ILoginThrottle, LoginThrottle>();

        return services;
    }
}
