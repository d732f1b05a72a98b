using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ordering_order_lines_PromisedDate",
                table: "ordering_order_lines",
                column: "PromisedDate");
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
