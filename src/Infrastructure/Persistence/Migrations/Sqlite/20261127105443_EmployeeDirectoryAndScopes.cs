using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastApiLearning.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmployeeDirectoryAndScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "first_name_lower",
                table: "employees",
                type: "TEXT",
                maxLength: 14,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "last_name_lower",
                table: "employees",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "employees",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1L);

            // The app writes the lower-cased names from now on (ToLowerInvariant); the rows already there get
            // lower(), which folds ASCII (the MySQL sample's names are ASCII). The DEFAULT '' stays: SQLite
            // cannot drop a column's default without rebuilding the table.
            migrationBuilder.Sql("UPDATE employees SET first_name_lower = lower(first_name), last_name_lower = lower(last_name)");

            migrationBuilder.CreateTable(
                name: "employee_scopes",
                columns: table => new
                {
                    emp_no = table.Column<int>(type: "INTEGER", nullable: false),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employee_scopes", x => x.emp_no);
                    table.ForeignKey(
                        name: "fk_employee_scopes_employees",
                        column: x => x.emp_no,
                        principalTable: "employees",
                        principalColumn: "emp_no",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_employees_first_name_lower",
                table: "employees",
                columns: new[] { "first_name_lower", "last_name_lower", "emp_no" });

            migrationBuilder.CreateIndex(
                name: "ix_employees_last_name_lower",
                table: "employees",
                columns: new[] { "last_name_lower", "first_name_lower", "emp_no" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "employee_scopes");

            migrationBuilder.DropIndex(
                name: "ix_employees_first_name_lower",
                table: "employees");

            migrationBuilder.DropIndex(
                name: "ix_employees_last_name_lower",
                table: "employees");

            migrationBuilder.DropColumn(
                name: "first_name_lower",
                table: "employees");

            migrationBuilder.DropColumn(
                name: "last_name_lower",
                table: "employees");

            migrationBuilder.DropColumn(
                name: "version",
                table: "employees");
        }
    }
}
