using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeedbackLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines");

            migrationBuilder.DropIndex(
                name: "IX_fulfillment_shipment_lines_OrderLineId",
                table: "fulfillment_shipment_lines");

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
                name: "feedback_daily_scores",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Warehouse = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Punctuality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Invited = table.Column<int>(type: "integer", nullable: false),
                    Responses = table.Column<int>(type: "integer", nullable: false),
                    Promoters = table.Column<int>(type: "integer", nullable: false),
                    Detractors = table.Column<int>(type: "integer", nullable: false),
                    CsatAnswers = table.Column<int>(type: "integer", nullable: false),
                    CsatSatisfied = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_daily_scores", x => new { x.CompanyId, x.Day, x.Reason, x.Kind, x.Carrier, x.Warehouse, x.Punctuality });
                });

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
                name: "feedback_relationship_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    OptedIn = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_relationship_consents", x => x.Id);
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
                name: "IX_ordering_orders_Id_Otif",
                table: "ordering_orders",
                column: "Id")
                .Annotation("Npgsql:IndexInclude", new[] { "CompanyId", "Status", "PlacedAt", "RequestedDeliveryDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines",
                column: "PromisedDate")
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "OrderId", "Quantity", "CancelledQuantity", "DeliveredQuantity", "LastDeliveredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipments_Id_Carrying",
                table: "fulfillment_shipments",
                column: "Id")
                .Annotation("Npgsql:IndexInclude", new[] { "WarehouseCode", "Carrier", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipment_lines_OrderLineId",
                table: "fulfillment_shipment_lines",
                column: "OrderLineId")
                .Annotation("Npgsql:IndexInclude", new[] { "ShipmentId" });

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

            migrationBuilder.DropIndex(
                name: "IX_ordering_orders_Id_Otif",
                table: "ordering_orders");

            migrationBuilder.DropIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines");

            migrationBuilder.DropIndex(
                name: "IX_fulfillment_shipments_Id_Carrying",
                table: "fulfillment_shipments");

            migrationBuilder.DropIndex(
                name: "IX_fulfillment_shipment_lines_OrderLineId",
                table: "fulfillment_shipment_lines");

            migrationBuilder.CreateIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines",
                column: "PromisedDate")
                .Annotation("Npgsql:IndexInclude", new[] { "OrderId", "Quantity", "DeliveredQuantity", "LastDeliveredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipment_lines_OrderLineId",
                table: "fulfillment_shipment_lines",
                column: "OrderLineId");
        }
    }
}
