using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Sessions;
using FastApiLearning.Infrastructure.Users;
using FastApiLearning.TestSupport.Persistence;

namespace FastApiLearning.Infrastructure.UnitTests.Sessions;

/// <summary>The refresh-token and code contract on the Fake provider's memory stores, so that they answer as the databases do.</summary>
public sealed class MemorySessionStoreContractTests : SessionStoreContract
{
    protected override bool ChecksTheEmployee => false;

    protected override Task<Stores> CreateAsync(TimeProvider clock, params Employee[] employees)
    {
        var employeeStore = new InMemoryEmployeeStore(employees);
        var refreshTokens = new MemoryRefreshTokenStore(clock, employeeStore);
        var codes = new MemoryAuthorizationCodeStore(clock, employeeStore);
        // One process: "another instance" is the same store.
        return Task.FromResult(new Stores(employeeStore, refreshTokens, codes, refreshTokens, codes));
    }
}
