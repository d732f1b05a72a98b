using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OtifReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LastDeliveredOn",
                table: "ordering_order_lines",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines",
                column: "PromisedDate")
                .Annotation("Npgsql:IndexInclude", new[] { "OrderId", "Quantity", "DeliveredQuantity", "LastDeliveredOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines");

            migrationBuilder.DropColumn(
                name: "LastDeliveredOn",
                table: "ordering_order_lines");
        }
    }
}
