using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastApiLearning.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RefreshTokensAndAuthorizationCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "authorization_codes",
                columns: table => new
                {
                    code_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    redirect_uri = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    code_challenge = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    emp_no = table.Column<int>(type: "INTEGER", nullable: false),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    family_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authorization_codes", x => x.code_hash);
                    table.ForeignKey(
                        name: "fk_authorization_codes_employees",
                        column: x => x.emp_no,
                        principalTable: "employees",
                        principalColumn: "emp_no",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refresh_token_families",
                columns: table => new
                {
                    family_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    emp_no = table.Column<int>(type: "INTEGER", nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_token_families", x => x.family_id);
                    table.ForeignKey(
                        name: "fk_refresh_token_families_employees",
                        column: x => x.emp_no,
                        principalTable: "employees",
                        principalColumn: "emp_no",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                columns: table => new
                {
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    family_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_tokens", x => x.token_hash);
                    table.ForeignKey(
                        name: "fk_refresh_tokens_refresh_token_families",
                        column: x => x.family_id,
                        principalTable: "refresh_token_families",
                        principalColumn: "family_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_authorization_codes_emp_no",
                table: "authorization_codes",
                column: "emp_no");

            migrationBuilder.CreateIndex(
                name: "ix_authorization_codes_expires_at",
                table: "authorization_codes",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_token_families_emp_no",
                table: "refresh_token_families",
                column: "emp_no");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_expires_at",
                table: "refresh_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_family_id",
                table: "refresh_tokens",
                column: "family_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "authorization_codes");

            migrationBuilder.DropTable(
                name: "refresh_tokens");

            migrationBuilder.DropTable(
                name: "refresh_token_families");
        }
    }
}
