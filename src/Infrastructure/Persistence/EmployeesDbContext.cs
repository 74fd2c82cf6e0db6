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
    public const string RefreshTokenFamiliesTableName = "refresh_token_families";
    public const string RefreshTokensTableName = "refresh_tokens";
    public const string AuthorizationCodesTableName = "authorization_codes";

    /// <summary>Room for a <see cref="Application.Auth.TokenHandles"/> hash (43 characters) or family id (32).</summary>
    public const int MaxHandleLength = 64;

    /// <summary>A client id (<c>OAuth:Clients</c>).</summary>
    public const int MaxClientIdLength = 255;

    /// <summary>A registered redirect URI.</summary>
    public const int MaxRedirectUriLength = 2048;

    /// <summary>RFC 7636 §4.2: an S256 challenge is 43 characters; 128 is the longest a verifier may be.</summary>
    public const int MaxCodeChallengeLength = 128;

    /// <summary>The longest space-separated list of scope names a grant row holds.</summary>
    public const int MaxScopesLength = 255;

    internal DbSet<EmployeeRow> Employees => Set<EmployeeRow>();

    internal DbSet<EmployeeScopesRow> EmployeeScopes => Set<EmployeeScopesRow>();

    internal DbSet<RefreshTokenFamilyRow> RefreshTokenFamilies => Set<RefreshTokenFamilyRow>();

    internal DbSet<RefreshTokenRow> RefreshTokens => Set<RefreshTokenRow>();

    internal DbSet<AuthorizationCodeRow> AuthorizationCodes => Set<AuthorizationCodeRow>();

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

        // Refresh tokens and authorization codes: only hashes, instants as Unix milliseconds (as
        // tokens_valid_after). A removed employee takes their families, tokens and codes along.
        modelBuilder.Entity<RefreshTokenFamilyRow>(family =>
        {
            family.ToTable(RefreshTokenFamiliesTableName);
            family.HasKey(f => f.FamilyId).HasName("pk_refresh_token_families");
            family.Property(f => f.FamilyId).HasColumnName("family_id").HasMaxLength(MaxHandleLength);
            family.Property(f => f.EmpNo).HasColumnName("emp_no");
            family.Property(f => f.ClientId).HasColumnName("client_id").HasMaxLength(MaxClientIdLength);
            family.Property(f => f.Scopes).HasColumnName("scopes").HasMaxLength(MaxScopesLength);
            family.Property(f => f.StartedAt).HasColumnName("started_at");
            family.Property(f => f.RevokedAt).HasColumnName("revoked_at");
            family.HasIndex(f => f.EmpNo).HasDatabaseName("ix_refresh_token_families_emp_no");
            family.HasOne<EmployeeRow>().WithMany().HasForeignKey(f => f.EmpNo)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_refresh_token_families_employees");
        });

        modelBuilder.Entity<RefreshTokenRow>(token =>
        {
            token.ToTable(RefreshTokensTableName);
            token.HasKey(t => t.TokenHash).HasName("pk_refresh_tokens");
            token.Property(t => t.TokenHash).HasColumnName("token_hash").HasMaxLength(MaxHandleLength);
            token.Property(t => t.FamilyId).HasColumnName("family_id").HasMaxLength(MaxHandleLength);
            token.Property(t => t.IssuedAt).HasColumnName("issued_at");
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.Property(t => t.UsedAt).HasColumnName("used_at");
            token.HasIndex(t => t.FamilyId).HasDatabaseName("ix_refresh_tokens_family_id");
            // The purge deletes by expiry.
            token.HasIndex(t => t.ExpiresAt).HasDatabaseName("ix_refresh_tokens_expires_at");
            token.HasOne(t => t.Family).WithMany().HasForeignKey(t => t.FamilyId)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_refresh_tokens_refresh_token_families");
        });

        modelBuilder.Entity<AuthorizationCodeRow>(code =>
        {
            code.ToTable(AuthorizationCodesTableName);
            code.HasKey(c => c.CodeHash).HasName("pk_authorization_codes");
            code.Property(c => c.CodeHash).HasColumnName("code_hash").HasMaxLength(MaxHandleLength);
            code.Property(c => c.ClientId).HasColumnName("client_id").HasMaxLength(MaxClientIdLength);
            code.Property(c => c.RedirectUri).HasColumnName("redirect_uri").HasMaxLength(MaxRedirectUriLength);
            code.Property(c => c.CodeChallenge).HasColumnName("code_challenge").HasMaxLength(MaxCodeChallengeLength);
            code.Property(c => c.EmpNo).HasColumnName("emp_no");
            code.Property(c => c.Scopes).HasColumnName("scopes").HasMaxLength(MaxScopesLength);
            code.Property(c => c.FamilyId).HasColumnName("family_id").HasMaxLength(MaxHandleLength);
            code.Property(c => c.ExpiresAt).HasColumnName("expires_at");
            code.Property(c => c.UsedAt).HasColumnName("used_at");
            code.Property(c => c.ReplayedAt).HasColumnName("replayed_at");
            // The cascade finds an employee's codes by it; the purge deletes by expiry.
            code.HasIndex(c => c.EmpNo).HasDatabaseName("ix_authorization_codes_emp_no");
            code.HasIndex(c => c.ExpiresAt).HasDatabaseName("ix_authorization_codes_expires_at");
            code.HasOne<EmployeeRow>().WithMany().HasForeignKey(c => c.EmpNo)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_authorization_codes_employees");
        });
    }
}
