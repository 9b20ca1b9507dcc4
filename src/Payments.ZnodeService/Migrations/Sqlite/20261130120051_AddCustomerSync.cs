using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.ZnodeService.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCustomerSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerLink",
                columns: table => new
                {
                    StripeCustomerId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    P21CustomerId = table.Column<long>(type: "INTEGER", nullable: true),
                    ZnodeUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    Unlinked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FieldRevisions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerLink", x => x.StripeCustomerId);
                });

            migrationBuilder.CreateTable(
                name: "ZnodeReportedAccounts",
                columns: table => new
                {
                    ZnodeUserId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZnodeReportedAccounts", x => x.ZnodeUserId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerLink_ZnodeUserId",
                table: "CustomerLink",
                column: "ZnodeUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerLink");

            migrationBuilder.DropTable(
                name: "ZnodeReportedAccounts");
        }
    }
}
