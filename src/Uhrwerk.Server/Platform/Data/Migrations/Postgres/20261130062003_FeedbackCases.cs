using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeedbackCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    CustomerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Nps = table.Column<int>(type: "integer", nullable: true),
                    Csat = table.Column<int>(type: "integer", nullable: true),
                    Reasons = table.Column<int>(type: "integer", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    OwnerTeam = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OwnerPartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerPartnerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RoutedByRuleId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResponseDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstResponseAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Resolution = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedTo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CustomerSaidUnsolved = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_partner_members",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_partner_members", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "feedback_partners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_partners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_routing_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    PostalCodePrefixes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Reasons = table.Column<int>(type: "integer", maxLength: 40, nullable: false),
                    Team = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_case_notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    VisibleToCustomer = table.Column<bool>(type: "boolean", nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_case_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_feedback_case_notes_feedback_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "feedback_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_case_notes_CaseId_WrittenAt",
                table: "feedback_case_notes",
                columns: new[] { "CaseId", "WrittenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_cases_CompanyId_OpenedAt",
                table: "feedback_cases",
                columns: new[] { "CompanyId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_cases_EscalatedAt_FirstResponseAt_ResponseDueAt",
                table: "feedback_cases",
                columns: new[] { "EscalatedAt", "FirstResponseAt", "ResponseDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_cases_Number",
                table: "feedback_cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_cases_OwnerPartnerId_OpenedAt",
                table: "feedback_cases",
                columns: new[] { "OwnerPartnerId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_cases_ResponseId",
                table: "feedback_cases",
                column: "ResponseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_cases_Status_OpenedAt",
                table: "feedback_cases",
                columns: new[] { "Status", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_partner_members_PartnerId",
                table: "feedback_partner_members",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_partners_Name",
                table: "feedback_partners",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_routing_rules_Priority_CreatedAt",
                table: "feedback_routing_rules",
                columns: new[] { "Priority", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_case_notes");

            migrationBuilder.DropTable(
                name: "feedback_partner_members");

            migrationBuilder.DropTable(
                name: "feedback_partners");

            migrationBuilder.DropTable(
                name: "feedback_routing_rules");

            migrationBuilder.DropTable(
                name: "feedback_cases");
        }
    }
}
