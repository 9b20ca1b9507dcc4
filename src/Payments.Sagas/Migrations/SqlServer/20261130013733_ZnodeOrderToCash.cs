using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Sagas.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ZnodeOrderToCash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ZnodeOrderState",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrderNumber = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OmsOrderId = table.Column<long>(type: "bigint", nullable: false),
                    ShopperEmail = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    OrderCurrency = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    OrderTotal = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PaymentIntentId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    StripeCustomerId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: true),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true),
                    PaymentOfferedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PaymentOverdueTokenId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RemindedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeclineCount = table.Column<int>(type: "int", nullable: false),
                    LastDeclinedChargeId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    LastDeclineCode = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LastDeclineMessage = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    LastDeclinedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ChargeId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    PaidStripeEventId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    PaidAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ZnodePaymentStatus = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ZnodeOrderStateName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    P21JournalReference = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CanceledAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CurrentState = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    FailedStep = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    FailureReason = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZnodeOrderState", x => x.CorrelationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeOrderState_CurrentState",
                table: "ZnodeOrderState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeOrderState_OrderNumber",
                table: "ZnodeOrderState",
                column: "OrderNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeOrderState_PaymentIntentId",
                table: "ZnodeOrderState",
                column: "PaymentIntentId");

            migrationBuilder.CreateIndex(
                name: "IX_ZnodeOrderState_Subject",
                table: "ZnodeOrderState",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ZnodeOrderState");
        }
    }
}
