using FastApiLearning.Application;
using FastApiLearning.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>
/// Runs the checks the host runs before it starts (every <c>ValidateOnStart</c> registration, through
/// <see cref="IStartupValidator"/>) on the app's own service registrations with the given settings,
/// without starting a host: a host that fails to start inside WebApplicationFactory sometimes
/// surfaces its own disposal instead of the validation error.
/// </summary>
public static class StartupValidation
{
    /// <returns>What start-up would be refused with; <c>null</c> when it would start.</returns>
    public static OptionsValidationException? Run(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Jwt:SigningKey"] = TestTokens.SigningKey, ["Jwt:Issuer"] = TestTokens.Issuer })
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new Environment())
            .AddLogging();
        services.AddApplication().AddInfrastructure(configuration).AddWebApi(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException refused)
        {
            return refused;
        }
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "FastApiLearning.WebApi";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
