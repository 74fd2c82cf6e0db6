using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// The employees database, as far as the service needs it (docs/decisions/0001-narrow-employee-port.md).
/// A store that cannot be reached throws <see cref="Exceptions.ResourceUnavailableException"/>.
/// </summary>
public interface IEmployeeStore
{
    /// <param name="normalizedEmail">An email as <see cref="Employee.NormalizeEmail"/> returns it.</param>
    ValueTask<Employee?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    ValueTask<Employee?> FindByEmpNoAsync(int empNo, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a stored hash only if it is still <paramref name="currentHash"/> (a login upgrading it,
    /// the wrapping of legacy hashes): of two writers racing, one wins and the other changes nothing.
    /// </summary>
    /// <returns>Whether this call replaced it.</returns>
    ValueTask<bool> ReplacePasswordHashAsync(int empNo, string currentHash, string newHash, CancellationToken cancellationToken);

    /// <summary>Adds an employee under the next free emp_no.</summary>
    /// <returns>The employee as stored (with its emp_no).</returns>
    /// <exception cref="Exceptions.EmailTakenException">Another employee has this email.</exception>
    ValueTask<Employee> AddAsync(NewEmployee employee, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a new hash (the password was changed by an administrator) and refuses every token issued
    /// up to <paramref name="tokensValidAfter"/>.
    /// </summary>
    /// <returns>False when there is no such employee.</returns>
    ValueTask<bool> SetPasswordHashAsync(int empNo, string passwordHash, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken);

    /// <summary>Refuses every token issued up to <paramref name="tokensValidAfter"/> ("log out everywhere").</summary>
    /// <returns>False when there is no such employee.</returns>
    ValueTask<bool> SetTokensValidAfterAsync(int empNo, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken);

    /// <returns>False when there is no such employee.</returns>
    ValueTask<bool> RemoveAsync(int empNo, CancellationToken cancellationToken);

    /// <summary>Employees in emp_no order, from the first one after <paramref name="afterEmpNo"/> (keyset paging).</summary>
    ValueTask<IReadOnlyList<Employee>> ListAsync(int afterEmpNo, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Asked on every authenticated request, so it must be cheap: the instant up to which the
    /// employee's tokens are refused (<see cref="DateTimeOffset.MinValue"/> when none was set), or
    /// null when there is no such employee any more (every token of theirs is refused).
    /// </summary>
    ValueTask<DateTimeOffset?> FindTokensValidAfterAsync(int empNo, CancellationToken cancellationToken);
}
