using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>The employees model on PostgreSQL (migrations in Persistence/Migrations/Postgres).</summary>
public sealed class PostgresEmployeesDbContext(DbContextOptions<PostgresEmployeesDbContext> options) : EmployeesDbContext(options);
