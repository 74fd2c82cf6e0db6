using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastApiLearning.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuthorizationCodeReplayedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "replayed_at",
                table: "authorization_codes",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "replayed_at",
                table: "authorization_codes");
        }
    }
}
