using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Infrastructure.Users;

/// <summary>
/// The fake employees database: rows of the MySQL <em>employees</em> sample, read once from a
/// JSON file and kept in memory.
/// </summary>
public sealed class InMemoryEmployeeStore : IEmployeeStore
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ConcurrentDictionary<string, Employee> _byEmail = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Employee> _byEmpNo = new();

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

    public ValueTask UpdatePasswordHashAsync(int empNo, string passwordHash, CancellationToken cancellationToken)
    {
        lock (_byEmpNo)
        {
            if (_byEmpNo.TryGetValue(empNo, out var employee))
            {
                var updated = employee with { PasswordHash = passwordHash };
                _byEmpNo[empNo] = updated;
                _byEmail[Employee.NormalizeEmail(updated.Email)] = updated;
            }
        }

        return ValueTask.CompletedTask;
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
