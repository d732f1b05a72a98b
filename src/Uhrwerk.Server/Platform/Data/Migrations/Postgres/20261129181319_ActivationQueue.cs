using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    InvoiceNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                UPDATE accounts_roles SET "Permissions" = array_remove(array_remove(array_remove("Permissions", 10), 11), 12)
                  WHERE "Permissions" && ARRAY[10, 11, 12];
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
