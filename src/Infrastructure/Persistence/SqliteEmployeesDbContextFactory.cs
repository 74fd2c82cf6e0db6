using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>For <c>dotnet ef migrations add</c>, which needs no database to compare the model with the migrations.</summary>
public sealed class SqliteEmployeesDbContextFactory : IDesignTimeDbContextFactory<SqliteEmployeesDbContext>
{
    public SqliteEmployeesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEmployeesDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
