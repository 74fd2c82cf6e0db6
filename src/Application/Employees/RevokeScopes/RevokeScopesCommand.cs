using Mediator;

namespace FastApiLearning.Application.Employees.RevokeScopes;

/// <summary>
/// Removes scope names from what an employee holds (from <c>user:read</c> when nothing was recorded; removing
/// every name records "explicitly none"). Only the names go: a scope still held includes what it includes.
/// Every token the employee holds is refused from then on, so nobody keeps a scope that was taken away.
/// </summary>
/// <returns>What the employee holds afterwards (canonical order), or null when no employee has this email.</returns>
public sealed record RevokeScopesCommand(string Email, IReadOnlyList<string> Scopes) : ICommand<IReadOnlyList<string>?>
{
    public override string ToString() => $"RevokeScopesCommand {{ Email = {Email}, Scopes = {string.Join(' ', Scopes)} }}";
}
