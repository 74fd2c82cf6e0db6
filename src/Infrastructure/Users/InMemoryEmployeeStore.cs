using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;

namespace FastApiLearning.Infrastructure.Users;

/// <summary>
/// The fake employees database: rows of the MySQL <em>employees</em> sample, read once from a
/// JSON file and kept in memory (<c>Database:Provider=Fake</c>: tests and throwaway demos; nothing it
/// is told outlives the process). It is the directory and holds the scope grants as well, answering as
/// the databases do.
/// </summary>
public sealed class InMemoryEmployeeStore : IEmployeeStore, IEmployeeImport, IEmployeeDirectory, IScopeGrantStore
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The search's order: last name, first name (lower-cased, by code point as the databases compare), emp_no.</summary>
    private static readonly Comparer<(Employee Employee, string Last, string First)> s_directoryOrder =
        Comparer<(Employee Employee, string Last, string First)>.Create(
            (a, b) => CompareCodePoints(a.Last, b.Last) is not 0 and var last ? last
                : CompareCodePoints(a.First, b.First) is not 0 and var first ? first
                : a.Employee.EmpNo.CompareTo(b.Employee.EmpNo));

    private readonly ConcurrentDictionary<string, Employee> _byEmail = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Employee> _byEmpNo = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> _tokensValidAfter = new();

    // The directory record's version, when it moved past the first; the grants recorded (empty: explicitly none).
    private readonly ConcurrentDictionary<int, long> _versions = new();
    private readonly ConcurrentDictionary<int, IReadOnlyList<string>> _grants = new();

    // Readers never wait (but for a record with its version, read together); writers take turns, so that
    // the indexes change together.
    private readonly Lock _writes = new();

    /// <param name="grants">The scopes recorded per emp_no; an employee missing here has none recorded.</param>
    public InMemoryEmployeeStore(IEnumerable<Employee> employees, IReadOnlyDictionary<int, IReadOnlyList<string>>? grants = null)
    {
        foreach (var employee in employees)
        {
            var email = Employee.NormalizeEmail(employee.Email);
            if (!_byEmail.TryAdd(email, employee) || !_byEmpNo.TryAdd(employee.EmpNo, employee))
            {
                throw new InvalidOperationException($"The employees data has {employee.Email} or emp_no {employee.EmpNo} twice.");
            }
        }

        foreach (var (empNo, scopes) in grants ?? new Dictionary<int, IReadOnlyList<string>>())
        {
            if (!_byEmpNo.ContainsKey(empNo))
            {
                throw new InvalidOperationException($"The employees data grants scopes to emp_no {empNo}, who is not in it.");
            }

            _grants[empNo] = GrantedScopes.Canonical(scopes);
        }
    }

    public int Count => _byEmpNo.Count;

    public ValueTask<Employee?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byEmail.GetValueOrDefault(normalizedEmail));

    public ValueTask<Employee?> FindByEmpNoAsync(int empNo, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byEmpNo.GetValueOrDefault(empNo));

    public ValueTask<bool> ReplacePasswordHashAsync(int empNo, string currentHash, string newHash, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            if (!_byEmpNo.TryGetValue(empNo, out var employee) || employee.PasswordHash != currentHash)
            {
                return ValueTask.FromResult(false);
            }

            Put(employee with { PasswordHash = newHash });
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<Employee> AddAsync(NewEmployee employee, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            var email = Employee.NormalizeEmail(employee.Email);
            if (_byEmail.ContainsKey(email))
            {
                throw new EmailTakenException(email);
            }

            var empNo = _byEmpNo.IsEmpty ? 1 : _byEmpNo.Keys.Max() + 1;
            var added = new Employee(
                empNo, email, employee.PasswordHash, employee.BirthDate, employee.FirstName, employee.LastName, employee.Gender, employee.HireDate);
            Put(added);
            return ValueTask.FromResult(added);
        }
    }

    public ValueTask<bool> SetPasswordHashAsync(int empNo, string passwordHash, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            if (!_byEmpNo.TryGetValue(empNo, out var employee))
            {
                return ValueTask.FromResult(false);
            }

            Put(employee with { PasswordHash = passwordHash });
            MoveCutoff(empNo, tokensValidAfter);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> SetTokensValidAfterAsync(int empNo, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            if (!_byEmpNo.ContainsKey(empNo))
            {
                return ValueTask.FromResult(false);
            }

            MoveCutoff(empNo, tokensValidAfter);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> RemoveAsync(int empNo, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            if (!_byEmpNo.TryRemove(empNo, out var employee))
            {
                return ValueTask.FromResult(false);
            }

            _byEmail.TryRemove(Employee.NormalizeEmail(employee.Email), out _);
            _tokensValidAfter.TryRemove(empNo, out _);
            _versions.TryRemove(empNo, out _);
            _grants.TryRemove(empNo, out _);
            // Before the lock is let go: an add cannot reuse the emp_no while the old sessions are still there.
            Removed?.Invoke(empNo);
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>
    /// An employee was removed: the Fake provider's refresh tokens and codes go with them, as the databases'
    /// ON DELETE CASCADE takes them along (an emp_no can be given out again).
    /// </summary>
    public event Action<int>? Removed;

    public ValueTask<IReadOnlyList<Employee>> ListAsync(int afterEmpNo, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<Employee> page = _byEmpNo.Values
            .Where(employee => employee.EmpNo > afterEmpNo)
            .OrderBy(employee => employee.EmpNo)
            .Take(limit)
            .ToList();
        return ValueTask.FromResult(page);
    }

    public ValueTask<DateTimeOffset?> FindTokensValidAfterAsync(int empNo, CancellationToken cancellationToken)
    {
        DateTimeOffset? validAfter = !_byEmpNo.ContainsKey(empNo)
            ? null
            : _tokensValidAfter.GetValueOrDefault(empNo, DateTimeOffset.MinValue);
        return ValueTask.FromResult(validAfter);
    }

    public async ValueTask<ImportSummary> ImportAsync(
        IAsyncEnumerable<ImportedEmployee> rows,
        string passwordHash,
        bool update,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        // Read it all first: a bad line anywhere leaves the store as it was.
        var read = new List<ImportedEmployee>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            read.Add(row);
            if (read.Count % 10_000 == 0)
            {
                progress?.Report(read.Count);
            }
        }

        progress?.Report(read.Count);
        lock (_writes)
        {
            var changes = new Dictionary<int, Employee>();
            var emails = new Dictionary<string, int>(StringComparer.Ordinal);
            int added = 0, updated = 0, skipped = 0;
            foreach (var row in read)
            {
                var email = Employee.NormalizeEmail(row.Email);
                var existing = changes.GetValueOrDefault(row.EmpNo) ?? _byEmpNo.GetValueOrDefault(row.EmpNo);
                if (existing is not null && !update)
                {
                    skipped++;
                    continue;
                }

                var owner = emails.TryGetValue(email, out var claimed) ? claimed : _byEmail.GetValueOrDefault(email)?.EmpNo;
                if (owner is { } other && other != row.EmpNo)
                {
                    throw new ImportFormatException(row.LineNumber, $"the email {email} belongs to emp_no {other} already");
                }

                changes[row.EmpNo] = new Employee(
                    row.EmpNo, email, existing?.PasswordHash ?? passwordHash, row.BirthDate, row.FirstName, row.LastName, row.Gender, row.HireDate);
                emails[email] = row.EmpNo;
                if (existing is null)
                {
                    added++;
                }
                else
                {
                    updated++;
                }
            }

            foreach (var employee in changes.Values)
            {
                if (_byEmpNo.TryGetValue(employee.EmpNo, out var old))
                {
                    _byEmail.TryRemove(Employee.NormalizeEmail(old.Email), out _);
                    // An updated record is a new version: an editor's older copy must not overwrite it.
                    _versions[employee.EmpNo] = VersionOf(employee.EmpNo) + 1;
                }

                Put(employee);
            }

            return new ImportSummary(added, updated, skipped);
        }
    }

    public ValueTask<EmployeePage> SearchAsync(EmployeeSearch search, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(search.Page, 1, nameof(search));
        ArgumentOutOfRangeException.ThrowIfLessThan(search.PageSize, 1, nameof(search));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.PageSize, EmployeeSearchSql.MaxPageSize, nameof(search));

        var matches = _byEmpNo.Values
            .Where(employee => search.LastName?.IsMatch(employee.LastName) != false && search.FirstName?.IsMatch(employee.FirstName) != false)
            .Select(employee => (Employee: employee, Last: employee.LastName.ToLowerInvariant(), First: employee.FirstName.ToLowerInvariant()))
            .Order(s_directoryOrder)
            .Select(match => match.Employee)
            .ToList();
        var offset = (search.Page - 1L) * search.PageSize;
        IReadOnlyList<Employee> page = offset < matches.Count ? matches.Skip((int)offset).Take(search.PageSize).ToList() : [];
        return ValueTask.FromResult(new EmployeePage(page, matches.Count));
    }

    public ValueTask<VersionedEmployee?> FindVersionedAsync(int empNo, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            return ValueTask.FromResult(_byEmpNo.TryGetValue(empNo, out var employee) ? new VersionedEmployee(employee, VersionOf(empNo)) : null);
        }
    }

    public ValueTask<DirectoryUpdate> UpdateAsync(int empNo, EmployeeDetails details, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            if (!_byEmpNo.TryGetValue(empNo, out var employee))
            {
                return ValueTask.FromResult(DirectoryUpdate.NotFound);
            }

            var version = VersionOf(empNo);
            if (version != expectedVersion)
            {
                return ValueTask.FromResult<DirectoryUpdate>(new DirectoryUpdate.Stale(version));
            }

            var email = Employee.NormalizeEmail(details.Email);
            if (_byEmail.TryGetValue(email, out var owner) && owner.EmpNo != empNo)
            {
                throw new EmailTakenException(email);
            }

            var updated = employee with
            {
                Email = email,
                FirstName = details.FirstName,
                LastName = details.LastName,
                Gender = details.Gender,
                BirthDate = details.BirthDate,
                HireDate = details.HireDate,
            };
            _byEmail.TryRemove(Employee.NormalizeEmail(employee.Email), out _);
            Put(updated);
            _versions[empNo] = version + 1;
            return ValueTask.FromResult<DirectoryUpdate>(new DirectoryUpdate.Updated(new VersionedEmployee(updated, version + 1)));
        }
    }

    public ValueTask<IReadOnlyList<string>?> FindGrantedScopesAsync(int empNo, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_grants.GetValueOrDefault(empNo));

    public ValueTask<bool> SetGrantedScopesAsync(
        int empNo, IReadOnlyCollection<string> scopes, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        var granted = GrantedScopes.Canonical(scopes);
        lock (_writes)
        {
            if (!_byEmpNo.ContainsKey(empNo))
            {
                return ValueTask.FromResult(false);
            }

            _grants[empNo] = granted;
            MoveCutoff(empNo, tokensValidAfter);
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>
    /// Under the write lock: the cutoff only moves forward, as in the databases. Of two writes racing (a password
    /// set, then a "log out everywhere" that read an earlier instant), the later stands.
    /// </summary>
    private void MoveCutoff(int empNo, DateTimeOffset tokensValidAfter)
    {
        if (!_tokensValidAfter.TryGetValue(empNo, out var current) || current < tokensValidAfter)
        {
            _tokensValidAfter[empNo] = tokensValidAfter;
        }
    }

    /// <summary>A record's version: 1 until its first edit, as the databases' column default.</summary>
    private long VersionOf(int empNo) => _versions.GetValueOrDefault(empNo, 1);

    /// <summary>Writes both indexes; callers hold <see cref="_writes"/>.</summary>
    private void Put(Employee employee)
    {
        _byEmpNo[employee.EmpNo] = employee;
        _byEmail[Employee.NormalizeEmail(employee.Email)] = employee;
    }

    public static InMemoryEmployeeStore FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The employees data file {path} does not exist; set EmployeeStore:DataFile.", path);
        }

        using var stream = File.OpenRead(path);
        var rows = JsonSerializer.Deserialize<EmployeeRow[]>(stream, s_json)
            ?? throw new InvalidDataException($"The employees data file {path} is empty.");
        return new InMemoryEmployeeStore(
            rows.Select(row => row.ToEmployee()),
            rows.Where(row => row.Scopes is not null).ToDictionary(row => row.EmpNo, row => row.Scopes!));
    }

    /// <summary>
    /// Ordinal by code point, as SQLite's BINARY and PostgreSQL's "C" order UTF-8: UTF-16 ordinal order but
    /// for surrogates (code points past U+FFFF), which sort after U+E000–U+FFFF.
    /// </summary>
    private static int CompareCodePoints(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return Weight(a[i]) - Weight(b[i]);
            }
        }

        return a.Length - b.Length;

        static int Weight(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /// <summary>
    /// A row as the file holds it: the sample's column names, <c>password</c> being the hash, and
    /// <c>scopes</c> the grant (absent: none recorded; <c>[]</c>: explicitly none).
    /// </summary>
    private sealed record EmployeeRow(
        int EmpNo,
        string Email,
        string Password,
        DateOnly BirthDate,
        string FirstName,
        string LastName,
        Gender Gender,
        DateOnly HireDate,
        IReadOnlyList<string>? Scopes = null)
    {
        public Employee ToEmployee() =>
            new(EmpNo, Email, Password, BirthDate, FirstName, LastName, Gender, HireDate);
    }
}
