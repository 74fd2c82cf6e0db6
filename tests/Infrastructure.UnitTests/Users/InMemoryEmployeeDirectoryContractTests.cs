using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Users;
using FastApiLearning.TestSupport.Persistence;

namespace FastApiLearning.Infrastructure.UnitTests.Users;

/// <summary>The directory and grants contract on the Fake provider, so that it answers as the databases do.</summary>
public sealed class InMemoryEmployeeDirectoryContractTests : EmployeeDirectoryContract
{
    protected override Task<Stores> CreateAsync(params Employee[] employees)
    {
        var store = new InMemoryEmployeeStore(employees);
        return Task.FromResult(new Stores(store, store, store, store));
    }
}
