using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RelationshipSurvey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_relationship_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OptedIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_relationship_consents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_invitations_CaseId",
                table: "feedback_invitations",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_relationship_consents_OptedIn_CompanyId",
                table: "feedback_relationship_consents",
                columns: new[] { "OptedIn", "CompanyId" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_relationship_consents_UserId",
                table: "feedback_relationship_consents",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_relationship_consents");

            migrationBuilder.DropIndex(
                name: "IX_feedback_invitations_CaseId",
                table: "feedback_invitations");
        }
    }
}
