using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Users;
using FastApiLearning.TestSupport.Persistence;

namespace FastApiLearning.Infrastructure.UnitTests.Users;

/// <summary>The employees store contract on the Fake provider, so that it behaves as the databases do.</summary>
public sealed class InMemoryEmployeeStoreContractTests : EmployeeStoreContract
{
    protected override Task<(IEmployeeStore Store, IEmployeeImport Import)> CreateAsync(params Employee[] employees)
    {
        var store = new InMemoryEmployeeStore(employees);
        return Task.FromResult<(IEmployeeStore, IEmployeeImport)>((store, store));
    }
}
