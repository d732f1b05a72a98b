using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DelayWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tracking_watch_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Cause = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PromisedDeliveryDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpectedDelivery = table.Column<DateOnly>(type: "date", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_watch_entries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_watch_entries_ResolvedAt_OpenedAt",
                table: "tracking_watch_entries",
                columns: new[] { "ResolvedAt", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_watch_entries_ShipmentId_Cause",
                table: "tracking_watch_entries",
                columns: new[] { "ShipmentId", "Cause" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tracking_watch_entries");
        }
    }
}
