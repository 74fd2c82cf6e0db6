using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.WrapLegacyHashes;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Security;
using FastApiLearning.Infrastructure.Users;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.UnitTests.Security;

/// <summary>The wrapping command over the real hasher (behind its gate) and the in-memory store.</summary>
public sealed class LegacyHashWrappingTests
{
    private const string Bcrypt = "$2b$04$plpSp1mT5RdMpyYU77Jc9uYceQJ88iRT4GCnxViBpCC9JSIgBwqze";
    private const string WeakArgon2 =
        "$argon2id$v=19$m=4096,t=1,p=4$cSwvAgI5RTvSaTjEjsr5Tg$YYfzJWeFeu92hcJJMYwIbYpaeSfx6XFrpJVmcp8xgg4";

    private static readonly IOptions<PasswordHashingOptions> s_options = Options.Create(new PasswordHashingOptions { MaxConcurrency = 1 });
    private static readonly PasswordHasher s_hasher = new(s_options);

    [Test]
    public async Task Handle_OverTheRealHasherAndStore_WrapsLegacyHashesOnceAndTheirPasswordsStillVerify()
    {
        // Arrange
        var current = s_hasher.Hash(SampleEmployees.Password);
        var store = new InMemoryEmployeeStore(
        [
            With(1, "bcrypt@example.com", Bcrypt),
            With(2, "argon2@example.com", WeakArgon2),
            With(3, "current@example.com", current),
            With(4, "none@example.com", Employee.NoPassword),
        ]);
        using var gated = new GatedPasswordHasher(s_hasher, s_options);
        var handler = new WrapLegacyHashesCommandHandler(store, gated, new LogCapture());

        // Act
        var first = await handler.Handle(new WrapLegacyHashesCommand(BatchSize: 3), CancellationToken.None);
        var second = await handler.Handle(new WrapLegacyHashesCommand(BatchSize: 3), CancellationToken.None);

        // Assert
        Assert.That(first, Is.EqualTo(new WrapLegacyHashesResult(Examined: 4, Wrapped: 2, Skipped: 0)));
        Assert.That(second, Is.EqualTo(new WrapLegacyHashesResult(Examined: 4, Wrapped: 0, Skipped: 0)));
        foreach (var empNo in new[] { 1, 2 })
        {
            var hash = (await store.FindByEmpNoAsync(empNo, CancellationToken.None))!.PasswordHash;
            Assert.That(hash, Does.StartWith("$fal-wrap$"));
            Assert.That(await gated.VerifyAsync(SampleEmployees.Password, hash, CancellationToken.None), Is.EqualTo(PasswordCheck.SucceededNeedsUpgrade));
        }

        Assert.That((await store.FindByEmpNoAsync(3, CancellationToken.None))!.PasswordHash, Is.EqualTo(current));
        Assert.That((await store.FindByEmpNoAsync(4, CancellationToken.None))!.PasswordHash, Is.EqualTo(Employee.NoPassword));
    }

    private static Employee With(int empNo, string email, string passwordHash) =>
        SampleEmployees.Behai(passwordHash) with { EmpNo = empNo, Email = email };
}
