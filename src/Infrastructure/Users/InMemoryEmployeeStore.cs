using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Infrastructure.Users;

/// <summary>
/// The fake employees database: rows of the MySQL <em>employees</em> sample, read once from a
/// JSON file and kept in memory (<c>Database:Provider=Fake</c>: tests and throwaway demos; nothing it
/// is told outlives the process).
/// </summary>
public sealed class InMemoryEmployeeStore : IEmployeeStore, IEmployeeImport
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ConcurrentDictionary<string, Employee> _byEmail = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Employee> _byEmpNo = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> _tokensValidAfter = new();

    // Readers never wait; writers take turns, so that both indexes change together.
    private readonly Lock _writes = new();

    public InMemoryEmployeeStore(IEnumerable<Employee> employees)
    {
        foreach (var employee in employees)
        {
            var email = Employee.NormalizeEmail(employee.Email);
            if (!_byEmail.TryAdd(email, employee) || !_byEmpNo.TryAdd(employee.EmpNo, employee))
            {
                throw new InvalidOperationException($"The employees data has {employee.Email} or emp_no {employee.EmpNo} twice.");
            }
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
            _tokensValidAfter[empNo] = tokensValidAfter;
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

            _tokensValidAfter[empNo] = tokensValidAfter;
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
            return ValueTask.FromResult(true);
        }
    }

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
                }

                Put(employee);
            }

            return new ImportSummary(added, updated, skipped);
        }
    }

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
        return new InMemoryEmployeeStore(rows.Select(row => row.ToEmployee()));
    }

    /// <summary>A row as the file holds it: the sample's column names, <c>password</c> being the hash.</summary>
    private sealed record EmployeeRow(
        int EmpNo,
        string Email,
        string Password,
        DateOnly BirthDate,
        string FirstName,
        string LastName,
        Gender Gender,
        DateOnly HireDate)
    {
        public Employee ToEmployee() =>
            new(EmpNo, Email, Password, BirthDate, FirstName, LastName, Gender, HireDate);
    }
}
