using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.RedisTests.Support;

/// <summary>The app's real hasher, counting the passwords it verified: what a burst must not get past.</summary>
public sealed class CountingPasswordHasher(IPasswordHasher inner) : IPasswordHasher
{
    private int _verified;

    public int Verified => Volatile.Read(ref _verified);

    public string DummyHash => inner.DummyHash;

    public ValueTask<PasswordCheck> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _verified);
        return inner.VerifyAsync(password, passwordHash, cancellationToken);
    }

    public ValueTask<string> HashAsync(string password, CancellationToken cancellationToken) => inner.HashAsync(password, cancellationToken);
}

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
