using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.ZnodeService.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReturnIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ZnodeIntakeReturns",
                columns: table => new
                {
                    ReturnNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReturnState = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApprovedAmount = table.Column<decimal>(type: "TEXT", precision: 28, scale: 6, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZnodeIntakeReturns", x => x.ReturnNumber);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeIntakeReturns_RecordedAt",
                table: "ZnodeIntakeReturns",
                column: "RecordedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ZnodeIntakeReturns");
        }
    }
}
