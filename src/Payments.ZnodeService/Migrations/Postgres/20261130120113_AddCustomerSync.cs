using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.ZnodeService.Migrations.Postgres
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
                    StripeCustomerId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    P21CustomerId = table.Column<long>(type: "bigint", nullable: true),
                    ZnodeUserId = table.Column<int>(type: "integer", nullable: true),
                    Unlinked = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FieldRevisions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerLink", x => x.StripeCustomerId);
                });

            migrationBuilder.CreateTable(
                name: "ZnodeReportedAccounts",
                columns: table => new
                {
                    ZnodeUserId = table.Column<int>(type: "integer", nullable: false),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
