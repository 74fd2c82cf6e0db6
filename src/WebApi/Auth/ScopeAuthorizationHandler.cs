using FastApiLearning.Domain.Employees;
using Microsoft.AspNetCore.Authorization;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// Meets a <see cref="ScopeRequirement"/> when the token's <c>scope</c> claim satisfies it, inclusions
/// applied by <see cref="Scopes.Satisfy"/> (the one place they are). A token without the claim satisfies none.
/// </summary>
public sealed class ScopeAuthorizationHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && Scopes.Satisfy(TokenClaims.Scopes(context.User), requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
