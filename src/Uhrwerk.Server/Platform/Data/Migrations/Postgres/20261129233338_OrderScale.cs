using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ordering_orders_CompanyId_BuyerId_CreatedAt",
                table: "ordering_orders");

            migrationBuilder.DropIndex(
                name: "IX_ordering_orders_CompanyId_Status",
                table: "ordering_orders");

            migrationBuilder.CreateIndex(
                name: "IX_ordering_orders_CompanyId_BuyerId_CreatedAt_Id",
                table: "ordering_orders",
                columns: new[] { "CompanyId", "BuyerId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ordering_orders_CompanyId_CreatedAt_Id",
                table: "ordering_orders",
                columns: new[] { "CompanyId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ordering_orders_CompanyId_Status_CreatedAt_Id",
                table: "ordering_orders",
                columns: new[] { "CompanyId", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ordering_orders_PlacedAt_Id",
                table: "ordering_orders",
                columns: new[] { "PlacedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ordering_budget_ledgers_CompanyId_PeriodStart",
                table: "ordering_budget_ledgers",
                columns: new[] { "CompanyId", "PeriodStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ordering_orders_CompanyId_BuyerId_CreatedAt_Id",
                table: "ordering_orders");

            migrationBuilder.DropIndex(
                name: "IX_ordering_orders_CompanyId_CreatedAt_Id",
                table: "ordering_orders");

            migrationBuilder.DropIndex(
                name: "IX_ordering_orders_CompanyId_Status_CreatedAt_Id",
                table: "ordering_orders");

            migrationBuilder.DropIndex(
                name: "IX_ordering_orders_PlacedAt_Id",
                table: "ordering_orders");

            migrationBuilder.DropIndex(
                name: "IX_ordering_budget_ledgers_CompanyId_PeriodStart",
                table: "ordering_budget_ledgers");

            migrationBuilder.CreateIndex(
                name: "IX_ordering_orders_CompanyId_BuyerId_CreatedAt",
                table: "ordering_orders",
                columns: new[] { "CompanyId", "BuyerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ordering_orders_CompanyId_Status",
                table: "ordering_orders",
                columns: new[] { "CompanyId", "Status" });
        }
    }
}
