using System.Collections.Concurrent;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Infrastructure.Users;

/// <summary>
/// The employees database with this instance's memory of recent profiles in front of it, so that
/// <c>GET /users/me</c> does not query the database on every request. Only lookups by emp_no are
/// remembered (a login reads the stored hash fresh); this instance's writes (here, and directory edits
/// through <see cref="Forget"/>) forget the employee at once, and a write made elsewhere (another
/// instance, a command) is seen at most <see cref="TimeToLive"/> later. A removed employee is never
/// served: every authenticated request first asks <see cref="IEmployeeStore.FindTokensValidAfterAsync"/>,
/// which is never cached.
/// </summary>
public sealed class CachingEmployeeStore(IEmployeeStore inner, TimeProvider timeProvider, TimeSpan timeToLive, int capacity)
    : IEmployeeStore
{
    private readonly ConcurrentDictionary<int, Remembered> _profiles = new();

    public TimeSpan TimeToLive { get; } = timeToLive;

    public int Count => _profiles.Count;

    public async ValueTask<Employee?> FindByEmpNoAsync(int empNo, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_profiles.TryGetValue(empNo, out var remembered) && remembered.Until > now)
        {
            return remembered.Employee;
        }

        var employee = await inner.FindByEmpNoAsync(empNo, cancellationToken);
        if (employee is null)
        {
            _profiles.TryRemove(empNo, out _);
        }
        else if (_profiles.Count < capacity || Sweep(now))
        {
            _profiles[empNo] = new Remembered(employee, now + TimeToLive);
        }

        return employee;
    }

    public ValueTask<Employee?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        inner.FindByEmailAsync(normalizedEmail, cancellationToken);

    public ValueTask<DateTimeOffset?> FindTokensValidAfterAsync(int empNo, CancellationToken cancellationToken) =>
        inner.FindTokensValidAfterAsync(empNo, cancellationToken);

    public ValueTask<IReadOnlyList<Employee>> ListAsync(int afterEmpNo, int limit, CancellationToken cancellationToken) =>
        inner.ListAsync(afterEmpNo, limit, cancellationToken);

    public ValueTask<Employee> AddAsync(NewEmployee employee, CancellationToken cancellationToken) =>
        inner.AddAsync(employee, cancellationToken);

    public async ValueTask<bool> ReplacePasswordHashAsync(int empNo, string currentHash, string newHash, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ReplacePasswordHashAsync(empNo, currentHash, newHash, cancellationToken);
        }
        finally
        {
            _profiles.TryRemove(empNo, out _);
        }
    }

    public async ValueTask<bool> SetPasswordHashAsync(int empNo, string passwordHash, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.SetPasswordHashAsync(empNo, passwordHash, tokensValidAfter, cancellationToken);
        }
        finally
        {
            _profiles.TryRemove(empNo, out _);
        }
    }

    public ValueTask<bool> SetTokensValidAfterAsync(int empNo, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken) =>
        inner.SetTokensValidAfterAsync(empNo, tokensValidAfter, cancellationToken);

    public async ValueTask<bool> RemoveAsync(int empNo, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.RemoveAsync(empNo, cancellationToken);
        }
        finally
        {
            _profiles.TryRemove(empNo, out _);
        }
    }

    /// <summary>Drops the employee's profile: a write of this instance made past this store (a directory edit).</summary>
    public void Forget(int empNo) => _profiles.TryRemove(empNo, out _);

    /// <summary>Makes room by dropping what has expired; false when nothing had.</summary>
    private bool Sweep(DateTimeOffset now)
    {
        foreach (var (empNo, remembered) in _profiles)
        {
            if (remembered.Until <= now)
            {
                _profiles.TryRemove(new KeyValuePair<int, Remembered>(empNo, remembered));
            }
        }

        return _profiles.Count < capacity;
    }

    private sealed record Remembered(Employee Employee, DateTimeOffset Until);
}
