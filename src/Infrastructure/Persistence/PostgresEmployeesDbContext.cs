using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>The employees model on PostgreSQL (migrations in Persistence/Migrations/Postgres).</summary>
public sealed class PostgresEmployeesDbContext(DbContextOptions<PostgresEmployeesDbContext> options) : EmployeesDbContext(options)
{
    /// <summary>
    /// The lower-cased names in collation "C": compared byte by byte, so that the search's ordinal range
    /// (and a LIKE prefix) can use the btree indexes whatever the database's own collation is.
    /// </summary>
    public const string OrdinalCollation = "C";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<EmployeeRow>(employee =>
        {
            employee.Property(e => e.FirstNameLower).UseCollation(OrdinalCollation);
            employee.Property(e => e.LastNameLower).UseCollation(OrdinalCollation);
        });
    }
}
