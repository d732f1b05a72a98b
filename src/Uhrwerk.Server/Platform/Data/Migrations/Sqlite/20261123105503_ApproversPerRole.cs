using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApproversPerRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ordering_approvers_CompanyId_UserId_ForBuyerId",
                table: "ordering_approvers");

            migrationBuilder.AddColumn<Guid>(
                name: "ForRoleId",
                table: "ordering_approvers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ordering_approvers_CompanyId_UserId",
                table: "ordering_approvers",
                columns: new[] { "CompanyId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ordering_approvers_CompanyId_UserId",
                table: "ordering_approvers");

            migrationBuilder.DropColumn(
                name: "ForRoleId",
                table: "ordering_approvers");

            migrationBuilder.CreateIndex(
                name: "IX_ordering_approvers_CompanyId_UserId_ForBuyerId",
                table: "ordering_approvers",
                columns: new[] { "CompanyId", "UserId", "ForBuyerId" },
                unique: true);
        }
    }
}
