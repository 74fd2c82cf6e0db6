using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands;

/// <summary>Spectre.Console.Cli resolves commands from the host's services (see <see cref="HostTypeRegistrar"/>).</summary>
public sealed class HostTypeResolver(IServiceProvider services) : ITypeResolver
{
    // Null lets Spectre fall back to its own activator, as its contract asks.
    public object? Resolve(Type? type) => type is null ? null : services.GetService(type);
}
