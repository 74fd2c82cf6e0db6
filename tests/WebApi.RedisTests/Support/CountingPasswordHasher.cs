using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Security;
using FastApiLearning.TestSupport.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.RedisTests.Support;

public static class CountingPasswordHasherSetup
{
    /// <summary>Puts <paramref name="counter"/>'s count in front of the app's gated hasher.</summary>
    public static IServiceCollection CountPasswordChecks(this IServiceCollection services, Action<CountingPasswordHasher> counter)
    {
        services.AddSingleton<GatedPasswordHasher>();
        services.AddSingleton<IPasswordHasher>(sp =>
        {
            var counting = new CountingPasswordHasher(sp.GetRequiredService<GatedPasswordHasher>());
            counter(counting);
            return counting;
        });
        return services;
    }
}
