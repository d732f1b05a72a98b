using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
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
