using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Sagas.Migrations.Postgres
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
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PayoutId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Automatic = table.Column<bool>(type: "boolean", nullable: false),
                    ReconciliationStatus = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ArrivalDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    LastReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastStripeEventId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    FailureCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FailureMessage = table.Column<string>(type: "text", nullable: true),
                    FailureReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Run = table.Column<int>(type: "integer", nullable: false),
                    ListedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Totals = table.Column<string>(type: "text", nullable: true),
                    Flags = table.Column<string>(type: "text", nullable: false),
                    FlagCount = table.Column<int>(type: "integer", nullable: false),
                    JournalNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    JournalLines = table.Column<string>(type: "text", nullable: false),
                    Conversions = table.Column<string>(type: "text", nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReversalJournalNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReversedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SettlementAlertTokenId = table.Column<Guid>(type: "uuid", nullable: true),
                    SettlementAlertedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CurrentState = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FailedStep = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FailureReason = table.Column<string>(type: "text", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
