using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OtifAtScale : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
