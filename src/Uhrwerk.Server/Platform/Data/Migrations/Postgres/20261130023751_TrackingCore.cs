using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrackingCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tracking_shipments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Service = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    PlannedShipDate = table.Column<DateOnly>(type: "date", nullable: false),
                    PromisedDeliveryDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ShippedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DestinationCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    DestinationPostalCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PublicToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubStatus = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    StatusAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastScanAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CarrierEta = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpectedDelivery = table.Column<DateOnly>(type: "date", nullable: true),
                    Delay = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    DelayNoticedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_shipments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_parcels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackedShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackedShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubStatus = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CarrierCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CarrierText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EstimatedDelivery = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tracking_parcels");

            migrationBuilder.DropTable(
                name: "tracking_scans");

            migrationBuilder.DropTable(
                name: "tracking_shipments");
        }
    }
}
