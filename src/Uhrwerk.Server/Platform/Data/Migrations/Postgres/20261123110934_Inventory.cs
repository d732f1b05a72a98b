using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Inventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeliveryChoice",
                table: "ordering_orders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ShipToCountry",
                table: "ordering_orders",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ShipToPostalCode",
                table: "ordering_orders",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Deliveries",
                table: "ordering_order_lines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "PromisedDate",
                table: "ordering_order_lines",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inventory_expected_receipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromWarehouse = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Received = table.Column<int>(type: "integer", nullable: false),
                    Promised = table.Column<int>(type: "integer", nullable: false),
                    ExpectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inventory_expected_receipts", x => x.Id);
                    table.CheckConstraint("ck_inventory_receipts_promised", "\"Promised\" >= 0 AND \"Promised\" + \"Received\" <= \"Quantity\"");
                });

            migrationBuilder.CreateTable(
                name: "inventory_movements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inventory_movements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_product_space",
                columns: table => new
                {
                    Sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PerUnit = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inventory_product_space", x => x.Sku);
                });

            migrationBuilder.CreateTable(
                name: "inventory_reorder_points",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Min = table.Column<int>(type: "integer", nullable: false),
                    Max = table.Column<int>(type: "integer", nullable: false),
                    Multiple = table.Column<int>(type: "integer", nullable: false),
                    LeadTimeDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inventory_reorder_points", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_reservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ReceiptId = table.Column<Guid>(type: "uuid", nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    DeliveryDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inventory_reservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_stock",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    OnHand = table.Column<int>(type: "integer", nullable: false),
                    Reserved = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inventory_stock", x => x.Id);
                    table.CheckConstraint("ck_inventory_stock_reserved", "\"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\"");
                });

            migrationBuilder.CreateTable(
                name: "inventory_transit_times",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    PostalPrefix = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inventory_transit_times", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_warehouses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Street = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PostalCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CutOff = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    HandlingDays = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    CompanyHolidays = table.Column<DateOnly[]>(type: "date[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inventory_warehouses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inventory_expected_receipts_ExpectedOn",
                table: "inventory_expected_receipts",
                column: "ExpectedOn");

            migrationBuilder.CreateIndex(
                name: "IX_inventory_expected_receipts_Sku_Status",
                table: "inventory_expected_receipts",
                columns: new[] { "Sku", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_inventory_movements_At",
                table: "inventory_movements",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_inventory_movements_Sku_WarehouseCode_At",
                table: "inventory_movements",
                columns: new[] { "Sku", "WarehouseCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_inventory_reorder_points_Sku_WarehouseCode",
                table: "inventory_reorder_points",
                columns: new[] { "Sku", "WarehouseCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inventory_reservations_OrderId",
                table: "inventory_reservations",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_inventory_reservations_ReceiptId",
                table: "inventory_reservations",
                column: "ReceiptId");

            migrationBuilder.CreateIndex(
                name: "IX_inventory_reservations_Sku_Status",
                table: "inventory_reservations",
                columns: new[] { "Sku", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_inventory_stock_Sku_WarehouseCode",
                table: "inventory_stock",
                columns: new[] { "Sku", "WarehouseCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inventory_transit_times_WarehouseCode_Country_PostalPrefix_~",
                table: "inventory_transit_times",
                columns: new[] { "WarehouseCode", "Country", "PostalPrefix", "Carrier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inventory_warehouses_Code",
                table: "inventory_warehouses",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inventory_expected_receipts");

            migrationBuilder.DropTable(
                name: "inventory_movements");

            migrationBuilder.DropTable(
                name: "inventory_product_space");

            migrationBuilder.DropTable(
                name: "inventory_reorder_points");

            migrationBuilder.DropTable(
                name: "inventory_reservations");

            migrationBuilder.DropTable(
                name: "inventory_stock");

            migrationBuilder.DropTable(
                name: "inventory_transit_times");

            migrationBuilder.DropTable(
                name: "inventory_warehouses");

            migrationBuilder.DropColumn(
                name: "DeliveryChoice",
                table: "ordering_orders");

            migrationBuilder.DropColumn(
                name: "ShipToCountry",
                table: "ordering_orders");

            migrationBuilder.DropColumn(
                name: "ShipToPostalCode",
                table: "ordering_orders");

            migrationBuilder.DropColumn(
                name: "Deliveries",
                table: "ordering_order_lines");

            migrationBuilder.DropColumn(
                name: "PromisedDate",
                table: "ordering_order_lines");
        }
    }
}
