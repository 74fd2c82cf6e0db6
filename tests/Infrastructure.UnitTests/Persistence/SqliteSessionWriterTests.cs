using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using Microsoft.Data.Sqlite;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>
/// What the batching writer adds to the refresh-token contract (SqliteSessionStoreTests): writes that arrive
/// together share a commit, yet each is kept or refused on its own.
/// </summary>
public sealed class SqliteSessionWriterTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task AddAsync_WhenOneOfManyAtOnceIsRefused_KeepsEveryOther()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var employee = SampleEmployees.Behai();
        await database.InsertAsync(employee);
        var store = database.RefreshTokens(TimeProvider.System);
        var family = new RefreshTokenFamily(TokenHandles.NewFamilyId(), employee.EmpNo, "", [Scopes.UserRead], s_start);
        await store.StartFamilyAsync(family, TokenHandles.Hash(TokenHandles.New()), s_start.AddDays(7), CancellationToken.None);
        var kept = Enumerable.Range(0, 16).Select(_ => TokenHandles.Hash(TokenHandles.New())).ToList();

        // Sixteen successors and one of a family that does not exist (its foreign key refuses it), all at once.
        var orphan = store.AddAsync(TokenHandles.NewFamilyId(), TokenHandles.Hash(TokenHandles.New()), s_start, s_start.AddDays(7), CancellationToken.None).AsTask();
        var adds = kept.Select(hash => store.AddAsync(family.FamilyId, hash, s_start, s_start.AddDays(7), CancellationToken.None).AsTask()).ToList();
        await Task.WhenAll(adds);

        Assert.That(async () => await orphan, Throws.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(19));
        foreach (var hash in kept)
        {
            Assert.That(await store.FindAsync(hash, CancellationToken.None), Is.Not.Null);
        }
    }
}
