using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlatformEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastError",
                table: "platform_outbox");

            // Attempts were counted per message; they are counted per handler now. Earlier events are version 1.
            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "platform_outbox");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "platform_outbox",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<Guid>(
                name: "AggregateId",
                table: "platform_outbox",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "platform_outbox_handled",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EventType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AggregateId = table.Column<Guid>(type: "uuid", nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true)
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
                name: "AggregateId",
                table: "platform_outbox");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "platform_outbox");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "platform_outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "platform_outbox",
                type: "text",
                nullable: true);
        }
    }
}
