using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.StripeService.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddPayoutReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PayoutListing",
                columns: table => new
                {
                    PayoutId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Run = table.Column<int>(type: "integer", nullable: false),
                    Cursor = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    State = table.Column<string>(type: "text", nullable: false),
                    Pages = table.Column<int>(type: "integer", nullable: false),
                    Complete = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutListing", x => x.PayoutId);
                });

            migrationBuilder.CreateTable(
                name: "PayoutTransactionLine",
                columns: table => new
                {
                    PayoutId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    BalanceTransactionId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Run = table.Column<int>(type: "integer", nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReportingCategory = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    FeeMinor = table.Column<long>(type: "bigint", nullable: false),
                    NetMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Fees = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SourceId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ChargeId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    P21OrderNo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ZnodeOrderNumber = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OriginalCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    OriginalAmountMinor = table.Column<long>(type: "bigint", nullable: true),
                    ExchangeRate = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: true),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutTransactionLine", x => new { x.PayoutId, x.BalanceTransactionId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_PayoutTransactionLine_PayoutId_Created",
                table: "PayoutTransactionLine",
                columns: new[] { "PayoutId", "Created" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayoutListing");

            migrationBuilder.DropTable(
                name: "PayoutTransactionLine");
        }
    }
}
