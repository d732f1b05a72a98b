using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivationQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_pending_activations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    InvoiceNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_pending_activations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_pending_activations_Status_RequestedAt",
                table: "accounts_pending_activations",
                columns: new[] { "Status", "RequestedAt" });

            // Roles no longer hold permissions that nothing checks: ManageCallOffs (10), RequestReturns (11), AnswerSurveys (12).
            migrationBuilder.Sql("""
                UPDATE accounts_roles SET Permissions = (SELECT json_group_array(value) FROM (SELECT value FROM json_each(accounts_roles.Permissions) WHERE value NOT IN (10, 11, 12) ORDER BY key))
                  WHERE EXISTS (SELECT 1 FROM json_each(accounts_roles.Permissions) WHERE value IN (10, 11, 12));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_pending_activations");
        }
    }
}
