using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CarrierIngestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NextPollAt",
                table: "tracking_shipments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "tracking_carrier_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WebhookId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_carrier_messages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tracking_carrier_messages_Carrier_WebhookId",
                table: "tracking_carrier_messages",
                columns: new[] { "Carrier", "WebhookId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tracking_carrier_messages_Status_NextAttemptAt",
                table: "tracking_carrier_messages",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tracking_carrier_messages");

            migrationBuilder.DropColumn(
                name: "NextPollAt",
                table: "tracking_shipments");
        }
    }
}
