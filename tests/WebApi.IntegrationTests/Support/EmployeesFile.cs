using System.Text.Json;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>A temporary employees data file (the format of src/Infrastructure/Data/employees.json), deleted on dispose.</summary>
public sealed class EmployeesFile : IDisposable
{
    private EmployeesFile(string path) => Path = path;

    public string Path { get; }

    /// <param name="employees">emp_no, email and password hash of each row; the other columns are made up.</param>
    public static EmployeesFile Write(params (int EmpNo, string Email, string PasswordHash)[] employees)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"employees-{Guid.NewGuid():N}.json");
        var rows = employees.Select(employee => new Dictionary<string, object>
        {
            ["emp_no"] = employee.EmpNo,
            ["email"] = employee.Email,
            ["password"] = employee.PasswordHash,
            ["birth_date"] = "1980-01-02",
            ["first_name"] = "Test",
            ["last_name"] = $"User{employee.EmpNo}",
            ["gender"] = "F",
            ["hire_date"] = "2020-03-04",
        });
        File.WriteAllText(path, JsonSerializer.Serialize(rows));
        return new EmployeesFile(path);
    }

    public void Dispose() => File.Delete(Path);
}
