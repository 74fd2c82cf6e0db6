using Mediator;

namespace FastApiLearning.Application.Employees.GrantScopes;

/// <summary>
/// Adds scope names to what an employee holds (from <c>user:read</c> when nothing was recorded). Every token the
/// employee holds is refused from then on, so the next login carries the new grants.
/// </summary>
/// <returns>What the employee holds afterwards (canonical order), or null when no employee has this email.</returns>
public sealed record GrantScopesCommand(string Email, IReadOnlyList<string> Scopes) : ICommand<IReadOnlyList<string>?>
{
    public override string ToString() => $"GrantScopesCommand {{ Email = {Email}, Scopes = {string.Join(' ', Scopes)} }}";
}
