using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Auth.Login;

/// <summary>The <c>scope</c> of a token request (RFC 6749 §3.3), read once the same way by the validator and the handler.</summary>
public static class ScopeParameter
{
    /// <summary>All five names with single spaces are 53 characters; anything much longer is not a request for them.</summary>
    public const int MaxLength = 255;

    /// <summary>The names a client may ask for, in the order <see cref="Scopes.All"/> lists them.</summary>
    public static string KnownNames { get; } = string.Join(", ", Scopes.All.Select(scope => scope.Name));

    /// <summary>
    /// The requested names, each once; null when <paramref name="scope"/> is null or blank (Swagger UI sends
    /// <c>scope=</c> when no box is ticked), which asks for everything held.
    /// </summary>
    public static IReadOnlyList<string>? Parse(string? scope) =>
        string.IsNullOrWhiteSpace(scope)
            ? null
            : [.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Only the characters §3.3 allows in a scope token (<c>%x21 / %x23-5B / %x5D-7E</c>) and the spaces
    /// between tokens: no control character, quote, backslash or non-ASCII character.
    /// </summary>
    public static bool IsWellFormed(string scope) =>
        scope.All(c => c == ' ' || (c >= '\x21' && c <= '\x7E' && c is not '"' and not '\\'));

    /// <summary>
    /// What a login is granted: every requested name the employee holds, directly or through an inclusion
    /// (§3.3 lets the server narrow silently), or with no request everything held; never a name the service
    /// does not know. Empty when a request matched nothing.
    /// </summary>
    public static IReadOnlyList<string> Grant(IReadOnlyList<string> held, IReadOnlyList<string>? requested) =>
        requested is null
            ? Scopes.Canonical(held)
            : Scopes.Canonical(requested.Where(name => Scopes.Satisfy(held, name)));
}
