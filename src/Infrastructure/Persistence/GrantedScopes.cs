using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// How a grant is kept: the canonical scope names (<see cref="Scopes.Canonical"/>) separated by one space,
/// <c>""</c> for "explicitly none". Every store writes and reads grants through here.
/// </summary>
internal static class GrantedScopes
{
    public const char Separator = ' ';

    /// <summary>Known names only, once each, in <see cref="Scopes.All"/>'s order.</summary>
    /// <exception cref="ArgumentException">A name the service does not know (the validators stop it first).</exception>
    public static IReadOnlyList<string> Canonical(IEnumerable<string> scopes)
    {
        IReadOnlyCollection<string> names = scopes as IReadOnlyCollection<string> ?? [.. scopes];
        if (names.FirstOrDefault(name => !Scopes.IsKnown(name)) is { } unknown)
        {
            throw new ArgumentException($"No such scope: {unknown}", nameof(scopes));
        }

        return Scopes.Canonical(names);
    }

    /// <summary>The column's value for <paramref name="scopes"/>.</summary>
    public static string Format(IEnumerable<string> scopes) => string.Join(Separator, Canonical(scopes));

    /// <summary>A stored value as names; a name the service no longer knows (a hand-edited row) is left out.</summary>
    public static IReadOnlyList<string> Parse(string stored) =>
        Scopes.Canonical(stored.Split(Separator, StringSplitOptions.RemoveEmptyEntries));
}
