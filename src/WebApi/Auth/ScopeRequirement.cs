using Microsoft.AspNetCore.Authorization;

namespace FastApiLearning.WebApi.Auth;

/// <summary>An endpoint's need for one scope (<see cref="ScopeAuthorization.RequireScope{TBuilder}"/>).</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;
