using FastApiLearning.Domain.Employees;
using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// The employees database's one model. Each provider has its own context type
/// (<see cref="SqliteEmployeesDbContext"/>, <see cref="PostgresEmployeesDbContext"/>) only so that each
/// has its own migrations; see docs/database.md for regenerating both after a change here.
/// </summary>
public abstract class EmployeesDbContext(DbContextOptions options) : DbContext(options)
{
    public const string TableName = "employees";
    public const string ScopesTableName = "employee_scopes";

    /// <summary>The longest space-separated list of scope names a grant row holds.</summary>
    public const int MaxScopesLength = 255;

    internal DbSet<EmployeeRow> Employees => Set<EmployeeRow>();

    internal DbSet<EmployeeScopesRow> EmployeeScopes => Set<EmployeeScopesRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EmployeeRow>(employee =>
        {
            // SQLite ignores varchar(n), so the lengths and the gender are CHECKed as well: the last line
            // behind the validators, and the same on every provider.
            employee.ToTable(TableName, table =>
            {
                table.HasCheckConstraint("ck_employees_email_length", $"length(email) <= {Employee.MaxEmailLength}");
                table.HasCheckConstraint("ck_employees_password_length", $"length(password) <= {Employee.MaxPasswordHashLength}");
                table.HasCheckConstraint("ck_employees_first_name_length", $"length(first_name) <= {Employee.MaxFirstNameLength}");
                table.HasCheckConstraint("ck_employees_last_name_length", $"length(last_name) <= {Employee.MaxLastNameLength}");
                table.HasCheckConstraint("ck_employees_gender", "gender IN ('M', 'F')");
            });

            employee.HasKey(e => e.EmpNo).HasName("pk_employees");
            // emp_nos are given (the sample's, or max + 1 by the store), never generated.
            employee.Property(e => e.EmpNo).HasColumnName("emp_no").ValueGeneratedNever();
            employee.Property(e => e.Email).HasColumnName("email").HasMaxLength(Employee.MaxEmailLength);
            employee.HasIndex(e => e.Email).IsUnique().HasDatabaseName("ix_employees_email");
            employee.Property(e => e.Password).HasColumnName("password").HasMaxLength(Employee.MaxPasswordHashLength);
            employee.Property(e => e.BirthDate).HasColumnName("birth_date");
            employee.Property(e => e.FirstName).HasColumnName("first_name").HasMaxLength(Employee.MaxFirstNameLength);
            employee.Property(e => e.LastName).HasColumnName("last_name").HasMaxLength(Employee.MaxLastNameLength);
            employee.Property(e => e.Gender).HasColumnName("gender").HasConversion<string>().HasMaxLength(1).IsFixedLength();
            employee.Property(e => e.HireDate).HasColumnName("hire_date");
            employee.Property(e => e.TokensValidAfter).HasColumnName("tokens_valid_after");

            // The directory's search: lower-cased copies the app writes, each leading an index in the
            // search's sort order (last, first, emp_no), so a prefix is a range on it.
            employee.Property(e => e.FirstNameLower).HasColumnName("first_name_lower").HasMaxLength(Employee.MaxFirstNameLength);
            employee.Property(e => e.LastNameLower).HasColumnName("last_name_lower").HasMaxLength(Employee.MaxLastNameLength);
            employee.HasIndex(e => new { e.LastNameLower, e.FirstNameLower, e.EmpNo }).HasDatabaseName("ix_employees_last_name_lower");
            employee.HasIndex(e => new { e.FirstNameLower, e.LastNameLower, e.EmpNo }).HasDatabaseName("ix_employees_first_name_lower");
            employee.Property(e => e.Version).HasColumnName("version").HasDefaultValue(1L);
        });

        modelBuilder.Entity<EmployeeScopesRow>(grant =>
        {
            grant.ToTable(ScopesTableName);
            grant.HasKey(g => g.EmpNo).HasName("pk_employee_scopes");
            grant.Property(g => g.EmpNo).HasColumnName("emp_no").ValueGeneratedNever();
            grant.Property(g => g.Scopes).HasColumnName("scopes").HasMaxLength(MaxScopesLength);
            // A removed employee takes their grant along.
            grant.HasOne<EmployeeRow>().WithOne().HasForeignKey<EmployeeScopesRow>(g => g.EmpNo)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_employee_scopes_employees");
        });
    }
}
