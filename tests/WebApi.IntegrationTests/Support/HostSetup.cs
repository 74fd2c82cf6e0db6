using FastApiLearning.TestSupport.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>What the security tests change in the app they start: the clock, the client's IP, the loggers.</summary>
public static class HostSetup
{
    /// <summary>A fake clock at a whole second of the real now, so that the cache's real-time expiries stay in the future.</summary>
    public static FakeTimeProvider NewClock() =>
        new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>The app's <see cref="TimeProvider"/> (throttling, token issuing) becomes <paramref name="clock"/>.</summary>
    public static IWebHostBuilder UseFakeTime(this IWebHostBuilder builder, FakeTimeProvider clock) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));

    /// <summary>Every request gets a client IP (TestServer gives none): see <see cref="TestClientIp"/>.</summary>
    public static IWebHostBuilder UseTestClientIp(this IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestClientIp>());

    /// <summary>Every log event of every category and level goes to <paramref name="capture"/> as well.</summary>
    public static IWebHostBuilder CaptureLogs(this IWebHostBuilder builder, LogCapture capture) =>
        builder.ConfigureLogging(logging => logging.AddProvider(capture).AddFilter<LogCapture>(null, LogLevel.Trace));

    public static IWebHostBuilder UseSettings(this IWebHostBuilder builder, params (string Key, string Value)[] settings)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        return builder;
    }
}
