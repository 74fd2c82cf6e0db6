namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// The scopes granted to each employee, kept in the employees database (a table of their own). "Nothing
/// recorded" and "explicitly none" are different answers: the first gets <see cref="Domain.Employees.Scopes.Default"/>.
/// A store that cannot be reached throws <see cref="Exceptions.ResourceUnavailableException"/>.
/// </summary>
public interface IScopeGrantStore
{
    /// <returns>
    /// The scope names recorded for the employee (empty when explicitly none), or null when nothing was
    /// ever recorded for them or there is no such employee.
    /// </returns>
    ValueTask<IReadOnlyList<string>?> FindGrantedScopesAsync(int empNo, CancellationToken cancellationToken);

    /// <summary>
    /// Records exactly <paramref name="scopes"/> (empty: explicitly none) in place of what was recorded, and
    /// refuses every token issued up to <paramref name="tokensValidAfter"/>, in one transaction, so that
    /// nobody keeps a scope that was taken away.
    /// </summary>
    /// <returns>False when there is no such employee.</returns>
    ValueTask<bool> SetGrantedScopesAsync(
        int empNo, IReadOnlyCollection<string> scopes, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken);
}
