using FastApiLearning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>
/// Each provider's migrations hold the whole model (EF Core 9+ refuses to migrate otherwise): a model
/// change without both regenerated fails here, with no database needed (docs/database.md says how).
/// </summary>
public sealed class MigrationsTests
{
    [Test]
    public void SqliteMigrations_HoldTheWholeModel()
    {
        using var db = new SqliteEmployeesDbContextFactory().CreateDbContext([]);

        Assert.That(db.Database.HasPendingModelChanges(), Is.False);
        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
    }

    [Test]
    public void PostgresMigrations_HoldTheWholeModel()
    {
        using var db = new PostgresEmployeesDbContextFactory().CreateDbContext([]);

        Assert.That(db.Database.HasPendingModelChanges(), Is.False);
        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
    }
}
