using FastApiLearning.Application.Auth.Sessions;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FastApiLearning.Application;

public static class DependencyInjection
{
    /// <summary>
    /// The validators. Handlers and the pipeline are registered by the mediator, which is
    /// generated in the composition root.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Singletons, like the mediator that uses them.
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddSingleton<TokenSessions>();
        services.AddSingleton<SessionRevocation>();
        // Infrastructure replaces these with the configured lifetimes.
        services.TryAddSingleton(RefreshTokenLifetimes.Default);
        return services;
    }
}
