using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Sagas.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddMoneyBackFlows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChargeRiskState",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChargeId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    WarningId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    WarningActionable = table.Column<bool>(type: "INTEGER", nullable: true),
                    FraudType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WarningReportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastWarningEventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ObservedRiskLevel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ObservedRiskScore = table.Column<int>(type: "INTEGER", nullable: true),
                    LastRiskEventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    P21OrderNo = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ZnodeOrderNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChargeDescribedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Decisions = table.Column<string>(type: "TEXT", nullable: false),
                    DecisionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRule = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastActions = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastSignals = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastExplanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastDecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefundRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefundWarningId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    RefundId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    RefundedAmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    RefundedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HoldRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HeldAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HoldMethod = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HoldNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
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
                    table.PrimaryKey("PK_ChargeRiskState", x => x.CorrelationId);
                });

            migrationBuilder.CreateTable(
                name: "DisputeState",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisputeId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ChargeId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    EvidenceDueBy = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastStripeEventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    BalanceTransactions = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedBalanceTransactionIds = table.Column<string>(type: "TEXT", nullable: false),
                    BookedBalanceTransactionIds = table.Column<string>(type: "TEXT", nullable: false),
                    JournalReferences = table.Column<string>(type: "TEXT", nullable: false),
                    ChargeDescribedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    P21OrderNo = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ZnodeOrderNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecheckCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RecheckTokenId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HoldRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HeldAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HoldMethod = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HoldNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReleaseRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EvidenceAlertTokenId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EvidenceAlertFor = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EvidenceAlertedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
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
                    table.PrimaryKey("PK_DisputeState", x => x.CorrelationId);
                });

            migrationBuilder.CreateTable(
                name: "RefundState",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RefundId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ChargeId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ZnodeReturnNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RefundCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StripeFailureReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastStripeEventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    LastEventType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChargeAmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    P21OrderNo = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    P21CustomerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ZnodeOrderNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    OtherRefundsMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeDescribedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecheckCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RecheckTokenId = table.Column<Guid>(type: "TEXT", nullable: true),
                    P21DocumentKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    P21DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BookedAmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    BookedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ZnodePaymentStatus = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ZnodeRecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    P21ReversalNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReversedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CanceledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
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
                    table.PrimaryKey("PK_RefundState", x => x.CorrelationId);
                });

            migrationBuilder.CreateTable(
                name: "ZnodeReturnState",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReturnNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OmsOrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedAmount = table.Column<decimal>(type: "TEXT", precision: 28, scale: 6, nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ApprovedReturnState = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ShopperEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    ChargeId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    RefundId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    RefundStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    RefundedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    P21DocumentKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    P21DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BookedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedReturnState = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
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
                    table.PrimaryKey("PK_ZnodeReturnState", x => x.CorrelationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChargeRiskState_ChargeId",
                table: "ChargeRiskState",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_ChargeRiskState_CurrentState",
                table: "ChargeRiskState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_ChargeRiskState_Subject",
                table: "ChargeRiskState",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeState_ChargeId",
                table: "DisputeState",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeState_CurrentState",
                table: "DisputeState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeState_DisputeId",
                table: "DisputeState",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeState_Subject",
                table: "DisputeState",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_RefundState_ChargeId",
                table: "RefundState",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_RefundState_CurrentState",
                table: "RefundState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_RefundState_RefundId",
                table: "RefundState",
                column: "RefundId");

            migrationBuilder.CreateIndex(
                name: "IX_RefundState_Subject",
                table: "RefundState",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_RefundState_ZnodeReturnNumber",
                table: "RefundState",
                column: "ZnodeReturnNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeReturnState_CurrentState",
                table: "ZnodeReturnState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeReturnState_OrderNumber",
                table: "ZnodeReturnState",
                column: "OrderNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeReturnState_RefundId",
                table: "ZnodeReturnState",
                column: "RefundId");

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeReturnState_ReturnNumber",
                table: "ZnodeReturnState",
                column: "ReturnNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeReturnState_Subject",
                table: "ZnodeReturnState",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChargeRiskState");

            migrationBuilder.DropTable(
                name: "DisputeState");

            migrationBuilder.DropTable(
                name: "RefundState");

            migrationBuilder.DropTable(
                name: "ZnodeReturnState");
        }
    }
}
