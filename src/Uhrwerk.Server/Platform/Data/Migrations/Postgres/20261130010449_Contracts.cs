using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Uhrwerk.Server.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Contracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contracts_contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CallOffsNeedApproval = table.Column<bool>(type: "boolean", nullable: false),
                    LeadTimeDays = table.Column<int>(type: "integer", nullable: false),
                    ReleaseBuyerId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    RunningOutNoticed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts_contracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "contracts_call_offs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    RequestedDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CalledOffBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReleaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CalledOffAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts_call_offs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contracts_call_offs_contracts_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "contracts_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contracts_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContractedQuantity = table.Column<int>(type: "integer", nullable: false),
                    UnitPrice = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    MinimumCallOff = table.Column<int>(type: "integer", nullable: false),
                    TolerancePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    CalledOff = table.Column<int>(type: "integer", nullable: false),
                    DeliveredQuantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contracts_lines_contracts_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "contracts_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contracts_releases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeliveryDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts_releases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contracts_releases_contracts_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "contracts_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_contracts_call_offs_ContractId",
                table: "contracts_call_offs",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_call_offs_OrderId",
                table: "contracts_call_offs",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_call_offs_ReleaseId",
                table: "contracts_call_offs",
                column: "ReleaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contracts_contracts_CompanyId_Status",
                table: "contracts_contracts",
                columns: new[] { "CompanyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_contracts_contracts_Number",
                table: "contracts_contracts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contracts_lines_ContractId",
                table: "contracts_lines",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_releases_ContractId",
                table: "contracts_releases",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_releases_Status_DueOn",
                table: "contracts_releases",
                columns: new[] { "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contracts_call_offs");

            migrationBuilder.DropTable(
                name: "contracts_lines");

            migrationBuilder.DropTable(
                name: "contracts_releases");

            migrationBuilder.DropTable(
                name: "contracts_contracts");
        }
    }
}
