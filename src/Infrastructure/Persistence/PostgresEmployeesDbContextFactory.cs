using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>For <c>dotnet ef migrations add</c>, which needs no server to compare the model with the migrations.</summary>
public sealed class PostgresEmployeesDbContextFactory : IDesignTimeDbContextFactory<PostgresEmployeesDbContext>
{
    public PostgresEmployeesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEmployeesDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
