using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Fulfillment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DeliveredQuantity",
                table: "ordering_order_lines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "fulfillment_shipments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WarehouseCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PlannedShipDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PromisedDeliveryDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Service = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PickingAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PackedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ShippedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fulfillment_shipments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fulfillment_shipment_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderLineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fulfillment_shipment_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fulfillment_shipment_lines_fulfillment_shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "fulfillment_shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fulfillment_shipment_packages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightKg = table.Column<decimal>(type: "TEXT", precision: 10, scale: 3, nullable: false),
                    LengthCm = table.Column<int>(type: "INTEGER", nullable: false),
                    WidthCm = table.Column<int>(type: "INTEGER", nullable: false),
                    HeightCm = table.Column<int>(type: "INTEGER", nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fulfillment_shipment_packages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fulfillment_shipment_packages_fulfillment_shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "fulfillment_shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipment_lines_OrderLineId",
                table: "fulfillment_shipment_lines",
                column: "OrderLineId");

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipment_lines_ShipmentId",
                table: "fulfillment_shipment_lines",
                column: "ShipmentId");

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipment_packages_ShipmentId",
                table: "fulfillment_shipment_packages",
                column: "ShipmentId");

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipment_packages_TrackingNumber",
                table: "fulfillment_shipment_packages",
                column: "TrackingNumber");

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipments_CompanyId_DeliveredOn",
                table: "fulfillment_shipments",
                columns: new[] { "CompanyId", "DeliveredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipments_OrderId",
                table: "fulfillment_shipments",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipments_Reference",
                table: "fulfillment_shipments",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fulfillment_shipments_Status_PlannedShipDate",
                table: "fulfillment_shipments",
                columns: new[] { "Status", "PlannedShipDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fulfillment_shipment_lines");

            migrationBuilder.DropTable(
                name: "fulfillment_shipment_packages");

            migrationBuilder.DropTable(
                name: "fulfillment_shipments");

            migrationBuilder.DropColumn(
                name: "DeliveredQuantity",
                table: "ordering_order_lines");
        }
    }
}
