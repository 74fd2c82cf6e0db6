using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
