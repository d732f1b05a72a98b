using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlatformEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "LastError",
                table: "platform_outbox",
                newName: "AggregateId");

            // Attempts were counted per message; they are counted per handler now. Earlier events are version 1.
            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "platform_outbox");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "platform_outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "platform_outbox_handled",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AggregateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_outbox_handled", x => new { x.MessageId, x.Handler });
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_outbox_handled_Handler_AggregateId_Status",
                table: "platform_outbox_handled",
                columns: new[] { "Handler", "AggregateId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_outbox_handled_Handler_Status_NextAttemptAt",
                table: "platform_outbox_handled",
                columns: new[] { "Handler", "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_outbox_handled");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "platform_outbox");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "platform_outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.RenameColumn(
                name: "AggregateId",
                table: "platform_outbox",
                newName: "LastError");
        }
    }
}
