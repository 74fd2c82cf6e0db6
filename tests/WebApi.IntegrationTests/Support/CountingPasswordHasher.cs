using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Security;
using FastApiLearning.TestSupport.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

public static class CountingPasswordHasherSetup
{
    /// <summary>Puts <paramref name="counter"/>'s count in front of the app's gated hasher.</summary>
    public static IWebHostBuilder CountPasswordChecks(this IWebHostBuilder builder, Action<CountingPasswordHasher> counter) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<GatedPasswordHasher>();
            services.AddSingleton<IPasswordHasher>(sp =>
            {
                var counting = new CountingPasswordHasher(sp.GetRequiredService<GatedPasswordHasher>());
                counter(counting);
                return counting;
            });
        });
}
