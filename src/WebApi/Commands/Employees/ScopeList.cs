namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary>Scope names as the commands print them.</summary>
public static class ScopeList
{
    /// <summary>The names space-separated, or words for none (which is not the same as nothing recorded: see the grants table).</summary>
    public static string Describe(IReadOnlyList<string> scopes) =>
        scopes.Count == 0 ? "no scope at all" : string.Join(' ', scopes);
}
