using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomerNumber",
                table: "ordering_orders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErpOrderNumber",
                table: "ordering_orders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            // Orders placed before keep their company's number, so the ERP can book them too.
            migrationBuilder.Sql("""UPDATE ordering_orders SET "CustomerNumber" = (SELECT c."CustomerNumber" FROM accounts_companies c WHERE c."Id" = ordering_orders."CompanyId")""");

            migrationBuilder.CreateIndex(
                name: "IX_ordering_orders_ErpOrderNumber",
                table: "ordering_orders",
                column: "ErpOrderNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ordering_orders_ErpOrderNumber",
                table: "ordering_orders");

            migrationBuilder.DropColumn(
                name: "CustomerNumber",
                table: "ordering_orders");

            migrationBuilder.DropColumn(
                name: "ErpOrderNumber",
                table: "ordering_orders");
        }
    }
}
