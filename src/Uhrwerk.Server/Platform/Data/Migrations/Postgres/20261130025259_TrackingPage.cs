using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrackingPage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tracking_branding",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    PrimaryColour = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    AccentColour = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactHours = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LegalNoticeText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LegalNoticeUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LogoContentType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Logo = table.Column<byte[]>(type: "bytea", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Related = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_branding", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tracking_branding");
        }
    }
}
