using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeedbackCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Token = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    OnTime = table.Column<bool>(type: "boolean", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_invitations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    InvitationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RespondedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Nps = table.Column<int>(type: "integer", nullable: true),
                    Csat = table.Column<int>(type: "integer", nullable: true),
                    Reasons = table.Column<int>(type: "integer", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Solved = table.Column<bool>(type: "boolean", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    OnTime = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_responses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_invitations_CompanyId_CreatedAt",
                table: "feedback_invitations",
                columns: new[] { "CompanyId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_invitations_SentAt_DueAt",
                table: "feedback_invitations",
                columns: new[] { "SentAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_invitations_ShipmentId",
                table: "feedback_invitations",
                column: "ShipmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_invitations_Token",
                table: "feedback_invitations",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_invitations_UserId_Period",
                table: "feedback_invitations",
                columns: new[] { "UserId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_responses_CompanyId_RespondedAt",
                table: "feedback_responses",
                columns: new[] { "CompanyId", "RespondedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_responses_InvitationId",
                table: "feedback_responses",
                column: "InvitationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_responses_RespondedAt",
                table: "feedback_responses",
                column: "RespondedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_invitations");

            migrationBuilder.DropTable(
                name: "feedback_responses");
        }
    }
}
