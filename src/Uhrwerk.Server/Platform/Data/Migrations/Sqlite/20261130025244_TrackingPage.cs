using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    PrimaryColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    AccentColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactHours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LegalNoticeText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LegalNoticeUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LogoContentType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Logo = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Related = table.Column<string>(type: "TEXT", nullable: true)
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
