using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Sagas.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPayoutReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PayoutState",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PayoutId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Automatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReconciliationStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ArrivalDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    LastReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastStripeEventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    FailureCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FailureMessage = table.Column<string>(type: "TEXT", nullable: true),
                    FailureReportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Run = table.Column<int>(type: "INTEGER", nullable: false),
                    ListedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Totals = table.Column<string>(type: "TEXT", nullable: true),
                    Flags = table.Column<string>(type: "TEXT", nullable: false),
                    FlagCount = table.Column<int>(type: "INTEGER", nullable: false),
                    JournalNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    JournalLines = table.Column<string>(type: "TEXT", nullable: false),
                    Conversions = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    PostedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReversalJournalNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReversedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SettlementAlertTokenId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SettlementAlertedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CurrentState = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FailedStep = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutState", x => x.CorrelationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PayoutState_ArrivalDate",
                table: "PayoutState",
                column: "ArrivalDate");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutState_CurrentState",
                table: "PayoutState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutState_PayoutId",
                table: "PayoutState",
                column: "PayoutId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutState_Subject",
                table: "PayoutState",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayoutState");
        }
    }
}
