namespace FastApiLearning.Domain.Employees;

/// <summary>
/// The OAuth2 scopes of the service (the original series' names, descriptions and inclusions), in one
/// place: a token carries the scope <em>names</em> it was granted; what a name includes is applied only
/// when a requirement is checked (<see cref="Satisfy"/>).
/// </summary>
public static class Scopes
{
    public const string UserRead = "user:read";
    public const string UserWrite = "user:write";
    public const string AdminRead = "admin:read";
    public const string AdminWrite = "admin:write";
    public const string Super = "super:*";

    /// <summary>Every scope, in the order Swagger UI and the commands list them.</summary>
    public static IReadOnlyList<Scope> All { get; } =
    [
        new(UserRead, "Read your own record", []),
        new(UserWrite, "Update your own record", [UserRead]),
        new(AdminRead, "Read anyone's record and search employees", [UserRead]),
        new(AdminWrite, "Update anyone and add employees", [UserRead, UserWrite, AdminRead]),
        new(Super, "Everything", [UserRead, UserWrite, AdminRead, AdminWrite]),
    ];

    /// <summary>What an employee holds when no grant was ever recorded for them.</summary>
    public static IReadOnlyList<string> Default { get; } = [UserRead];

    private static readonly Dictionary<string, Scope> s_byName = All.ToDictionary(scope => scope.Name, StringComparer.Ordinal);

    /// <summary>Scope names are case-sensitive (RFC 6749 §3.3).</summary>
    public static bool IsKnown(string name) => s_byName.ContainsKey(name);

    public static Scope Find(string name) => s_byName.TryGetValue(name, out var scope)
        ? scope
        : throw new ArgumentException($"No such scope: {name}", nameof(name));

    /// <summary>Whether holding <paramref name="held"/> (names, as granted) satisfies <paramref name="required"/>.</summary>
    public static bool Satisfy(IEnumerable<string> held, string required) =>
        held.Any(name => name == required || (s_byName.TryGetValue(name, out var scope) && scope.Includes.Contains(required)));

    /// <summary>The names of <see cref="All"/> that appear in <paramref name="names"/>, in <see cref="All"/>'s order, once each.</summary>
    public static IReadOnlyList<string> Canonical(IEnumerable<string> names)
    {
        var set = names.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(scope => set.Contains(scope.Name)).Select(scope => scope.Name)];
    }
}

/// <param name="Includes">The scopes that holding this one grants as well.</param>
public sealed record Scope(string Name, string Description, IReadOnlyList<string> Includes);
