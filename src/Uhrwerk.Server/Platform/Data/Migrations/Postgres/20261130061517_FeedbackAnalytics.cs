using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeedbackAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback_daily_scores",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Warehouse = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Punctuality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Invited = table.Column<int>(type: "integer", nullable: false),
                    Responses = table.Column<int>(type: "integer", nullable: false),
                    Promoters = table.Column<int>(type: "integer", nullable: false),
                    Detractors = table.Column<int>(type: "integer", nullable: false),
                    CsatAnswers = table.Column<int>(type: "integer", nullable: false),
                    CsatSatisfied = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_daily_scores", x => new { x.CompanyId, x.Day, x.Reason, x.Kind, x.Carrier, x.Warehouse, x.Punctuality });
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_daily_scores_Day_Reason",
                table: "feedback_daily_scores",
                columns: new[] { "Day", "Reason" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_daily_scores");
        }
    }
}
