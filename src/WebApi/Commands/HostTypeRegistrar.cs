using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands;

/// <summary>
/// Spectre.Console.Cli's container is the app's own: the commands and their settings go into the same
/// service collection as Application and Infrastructure, and one host is built for both.
/// </summary>
public sealed class HostTypeRegistrar(HostApplicationBuilder builder) : ITypeRegistrar
{
    /// <summary>The host that <see cref="Build"/> made, for its owner to dispose.</summary>
    public IHost? Host { get; private set; }

    public void Register(Type service, Type implementation) =>
        builder.Services.AddSingleton(service, implementation);

    public void RegisterInstance(Type service, object implementation) =>
        builder.Services.AddSingleton(service, implementation);

    public void RegisterLazy(Type service, Func<object> factory) =>
        builder.Services.AddSingleton(service, _ => factory());

    public ITypeResolver Build()
    {
        if (Host is not null)
        {
            throw new InvalidOperationException("The commands' host is built once.");
        }

        // Built, never started: no hosted service runs, and nothing listens.
        Host = builder.Build();
        return new HostTypeResolver(Host.Services);
    }
}
