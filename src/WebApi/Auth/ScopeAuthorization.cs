using FastApiLearning.Domain.Employees;
using Microsoft.AspNetCore.Authorization;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// Scopes as ASP.NET Core authorization, in one place: a policy per scope of <see cref="Scopes.All"/>
/// (an authenticated user whose token satisfies a <see cref="ScopeRequirement"/>), the endpoints'
/// <see cref="RequireScope{TBuilder}"/>, and the 403 answer (<see cref="ScopeAuthorizationResultHandler"/>).
/// Own-versus-other rules (your own record with <c>user:read</c>) are the Application handlers' to decide.
/// </summary>
public static class ScopeAuthorization
{
    /// <summary>The policy that requires <paramref name="scope"/>.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Scopes.All"/>: a typo fails at start-up, not open.</exception>
    public static string PolicyName(string scope) => "scope:" + Scopes.Find(scope).Name;

    public static IServiceCollection AddScopeAuthorization(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(PolicyName(scope.Name), policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope.Name)));
        }

        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeAuthorizationResultHandler>();
        return services;
    }

    /// <summary>
    /// The endpoint needs a valid token whose scopes satisfy <paramref name="scope"/> (inclusions applied):
    /// none → 401, too few → 403 <c>insufficient_scope</c>. The <see cref="RequiredScope"/> metadata says which, for the API description.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName(scope)).WithMetadata(new RequiredScope(scope));
}
