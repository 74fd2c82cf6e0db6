using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>The employees model on SQLite (migrations in Persistence/Migrations/Sqlite).</summary>
public sealed class SqliteEmployeesDbContext(DbContextOptions<SqliteEmployeesDbContext> options) : EmployeesDbContext(options);
