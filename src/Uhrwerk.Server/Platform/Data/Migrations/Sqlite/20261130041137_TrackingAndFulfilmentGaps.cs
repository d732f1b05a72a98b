using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrackingAndFulfilmentGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CancelledQuantity",
                table: "ordering_order_lines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastDeliveredOn",
                table: "ordering_order_lines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contracts_deliveries",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts_deliveries", x => new { x.ContractId, x.ShipmentId, x.LineId });
                    table.ForeignKey(
                        name: "FK_contracts_deliveries_contracts_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "contracts_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tracking_branding",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    PrimaryColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    AccentColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactHours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LegalNoticeText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LegalNoticeUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LogoContentType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Logo = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Related = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_branding", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_carrier_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WebhookId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_carrier_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_shipments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WarehouseCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Service = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    PlannedShipDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PromisedDeliveryDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ShippedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DestinationCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    DestinationPostalCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PublicToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubStatus = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    StatusAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastScanAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CarrierEta = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpectedDelivery = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Delay = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    DelayNoticedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeclaredLostAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextPollAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_shipments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_watch_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ShipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WarehouseCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    PromisedDeliveryDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpectedDelivery = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_watch_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_parcels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackedShipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_parcels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tracking_parcels_tracking_shipments_TrackedShipmentId",
                        column: x => x.TrackedShipmentId,
                        principalTable: "tracking_shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tracking_scans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackedShipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubStatus = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CarrierCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CarrierText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EstimatedDelivery = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_scans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tracking_scans_tracking_shipments_TrackedShipmentId",
                        column: x => x.TrackedShipmentId,
                        principalTable: "tracking_shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines",
                column: "PromisedDate");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_carrier_messages_Carrier_WebhookId",
                table: "tracking_carrier_messages",
                columns: new[] { "Carrier", "WebhookId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tracking_carrier_messages_Status_NextAttemptAt",
                table: "tracking_carrier_messages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_parcels_Carrier_TrackingNumber",
                table: "tracking_parcels",
                columns: new[] { "Carrier", "TrackingNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_parcels_TrackedShipmentId",
                table: "tracking_parcels",
                column: "TrackedShipmentId");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_scans_TrackedShipmentId_EventId",
                table: "tracking_scans",
                columns: new[] { "TrackedShipmentId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tracking_shipments_OrderId",
                table: "tracking_shipments",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_tracking_shipments_PublicToken",
                table: "tracking_shipments",
                column: "PublicToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tracking_shipments_ShipmentId",
                table: "tracking_shipments",
                column: "ShipmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tracking_shipments_Status_PromisedDeliveryDate",
                table: "tracking_shipments",
                columns: new[] { "Status", "PromisedDeliveryDate" });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_watch_entries_ResolvedAt_OpenedAt",
                table: "tracking_watch_entries",
                columns: new[] { "ResolvedAt", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_watch_entries_ShipmentId_Cause",
                table: "tracking_watch_entries",
                columns: new[] { "ShipmentId", "Cause" },
                unique: true);

            // Lines delivered before the order line kept its last delivery day would otherwise count as never on time.
            migrationBuilder.Sql("""
                UPDATE ordering_order_lines SET "LastDeliveredOn" = d.last
                FROM (SELECT sl."OrderLineId" AS line, max(s."DeliveredOn") AS last FROM fulfillment_shipments s
                      JOIN fulfillment_shipment_lines sl ON sl."ShipmentId" = s."Id" WHERE s."Status" = 'Delivered' GROUP BY sl."OrderLineId") d
                WHERE d.line = ordering_order_lines."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contracts_deliveries");

            migrationBuilder.DropTable(
                name: "tracking_branding");

            migrationBuilder.DropTable(
                name: "tracking_carrier_messages");

            migrationBuilder.DropTable(
                name: "tracking_parcels");

            migrationBuilder.DropTable(
                name: "tracking_scans");

            migrationBuilder.DropTable(
                name: "tracking_watch_entries");

            migrationBuilder.DropTable(
                name: "tracking_shipments");

            migrationBuilder.DropIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines");

            migrationBuilder.DropColumn(
                name: "CancelledQuantity",
                table: "ordering_order_lines");

            migrationBuilder.DropColumn(
                name: "LastDeliveredOn",
                table: "ordering_order_lines");
        }
    }
}
