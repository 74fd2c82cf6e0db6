using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastApiLearning.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialEmployees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "employees",
                columns: table => new
                {
                    emp_no = table.Column<int>(type: "INTEGER", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    password = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    gender = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 1, nullable: false),
                    hire_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    tokens_valid_after = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employees", x => x.emp_no);
                    table.CheckConstraint("ck_employees_email_length", "length(email) <= 255");
                    table.CheckConstraint("ck_employees_first_name_length", "length(first_name) <= 14");
                    table.CheckConstraint("ck_employees_gender", "gender IN ('M', 'F')");
                    table.CheckConstraint("ck_employees_last_name_length", "length(last_name) <= 16");
                    table.CheckConstraint("ck_employees_password_length", "length(password) <= 255");
                });

            migrationBuilder.CreateIndex(
                name: "ix_employees_email",
                table: "employees",
                column: "email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "employees");
        }
    }
}
