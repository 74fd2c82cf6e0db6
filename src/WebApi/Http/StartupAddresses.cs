using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FastApiLearning.WebApi.Http;

/// <summary>Says where to go once the server listens: the login page and Swagger UI, for each address.</summary>
public sealed partial class StartupAddresses(IServer server, IHostApplicationLifetime lifetime, ILogger<StartupAddresses> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                var root = address.TrimEnd('/');
                Ready(log, root + "/login", root + "/docs");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Log in at {LoginUrl}; the API and Swagger UI are at {DocsUrl}")]
    private static partial void Ready(ILogger logger, string loginUrl, string docsUrl);
}
