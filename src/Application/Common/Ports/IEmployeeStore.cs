using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Common.Ports;

/// <summary>The employees database, as far as the login service needs it.</summary>
public interface IEmployeeStore
{
    /// <param name="normalizedEmail">An email as <see cref="Employee.NormalizeEmail"/> returns it.</param>
    ValueTask<Employee?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    ValueTask<Employee?> FindByEmpNoAsync(int empNo, CancellationToken cancellationToken);

    /// <summary>Replaces a stored hash, when a login upgrades it to the current parameters.</summary>
    ValueTask UpdatePasswordHashAsync(int empNo, string passwordHash, CancellationToken cancellationToken);
}
