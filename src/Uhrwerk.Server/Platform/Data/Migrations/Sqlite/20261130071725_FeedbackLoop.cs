using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FeedbackLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ShipmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Nps = table.Column<int>(type: "INTEGER", nullable: true),
                    Csat = table.Column<int>(type: "INTEGER", nullable: true),
                    Reasons = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OwnerTeam = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OwnerPartnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerPartnerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RoutedByRuleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponseDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstResponseAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedTo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CustomerSaidUnsolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_daily_scores",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Warehouse = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Punctuality = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Invited = table.Column<int>(type: "INTEGER", nullable: false),
                    Responses = table.Column<int>(type: "INTEGER", nullable: false),
                    Promoters = table.Column<int>(type: "INTEGER", nullable: false),
                    Detractors = table.Column<int>(type: "INTEGER", nullable: false),
                    CsatAnswers = table.Column<int>(type: "INTEGER", nullable: false),
                    CsatSatisfied = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_daily_scores", x => new { x.CompanyId, x.Day, x.Reason, x.Kind, x.Carrier, x.Warehouse, x.Punctuality });
                });

            migrationBuilder.CreateTable(
                name: "feedback_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ShipmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    WarehouseCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    OnTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_invitations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_partner_members",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_partner_members", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "feedback_partners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_partners", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "feedback_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InvitationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps = table.Column<int>(type: "INTEGER", nullable: true),
                    Csat = table.Column<int>(type: "INTEGER", nullable: true),
                    Reasons = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Solved = table.Column<bool>(type: "INTEGER", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ShipmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    WarehouseCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    OnTime = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_responses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_routing_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    PostalCodePrefixes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Reasons = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback_case_notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    VisibleToCustomer = table.Column<bool>(type: "INTEGER", nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "IX_feedback_daily_scores_Day_Reason",
                table: "feedback_daily_scores",
                columns: new[] { "Day", "Reason" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_invitations_CaseId",
                table: "feedback_invitations",
                column: "CaseId",
                unique: true);

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
                name: "IX_feedback_partner_members_PartnerId",
                table: "feedback_partner_members",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_partners_Name",
                table: "feedback_partners",
                column: "Name",
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
                name: "feedback_daily_scores");

            migrationBuilder.DropTable(
                name: "feedback_invitations");

            migrationBuilder.DropTable(
                name: "feedback_partner_members");

            migrationBuilder.DropTable(
                name: "feedback_partners");

            migrationBuilder.DropTable(
                name: "feedback_relationship_consents");

            migrationBuilder.DropTable(
                name: "feedback_responses");

            migrationBuilder.DropTable(
                name: "feedback_routing_rules");

            migrationBuilder.DropTable(
                name: "feedback_cases");
        }
    }
}
