using FastApiLearning.TestSupport.Logging;
using FastApiLearning.WebApi.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.IntegrationTests.Http;

public sealed class StartupAddressesTests
{
    [Test]
    public async Task OnceStarted_SaysWhereTheLoginPageAndSwaggerUiAre_ForEveryAddress()
    {
        // Arrange
        var logs = new LogCapture();
        var server = new Server("http://localhost:5000", "https://localhost:5001/");
        using var started = new CancellationTokenSource();
        var banner = new StartupAddresses(server, new Lifetime(started.Token), logs.CreateLogger<StartupAddresses>());
        await banner.StartAsync(CancellationToken.None);
        Assert.That(logs.Entries, Is.Empty, "nothing before the server listens");

        // Act
        await started.CancelAsync();

        // Assert
        Assert.That(logs.Entries.Select(e => e.Message), Is.EqualTo(new[]
        {
            "Log in at http://localhost:5000/login; the API and Swagger UI are at http://localhost:5000/docs",
            "Log in at https://localhost:5001/login; the API and Swagger UI are at https://localhost:5001/docs",
        }));
    }

    private sealed class Server(params string[] addresses) : IServer
    {
        public IFeatureCollection Features { get; } = Collection(addresses);

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private static FeatureCollection Collection(string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            var features = new FeatureCollection();
            features.Set<IServerAddressesFeature>(feature);
            return features;
        }
    }

    private sealed class Lifetime(CancellationToken started) : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => started;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
