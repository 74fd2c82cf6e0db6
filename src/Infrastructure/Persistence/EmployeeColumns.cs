using System.Data.Common;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>The columns the plain ADO.NET reads select, and how a row of them becomes an employee (both providers).</summary>
internal static class EmployeeColumns
{
    public const string Select =
        "SELECT emp_no, email, password, birth_date, first_name, last_name, gender, hire_date, version FROM employees";

    /// <summary>A row of <see cref="Select"/>; dates and the gender as both providers return them.</summary>
    public static Employee Read(DbDataReader row) => new(
        row.GetInt32(0),
        row.GetString(1),
        row.GetString(2),
        row.GetFieldValue<DateOnly>(3),
        row.GetString(4),
        row.GetString(5),
        Enum.Parse<Gender>(row.GetString(6)),
        row.GetFieldValue<DateOnly>(7));

    public static VersionedEmployee ReadVersioned(DbDataReader row) => new(Read(row), row.GetInt64(8));
}
