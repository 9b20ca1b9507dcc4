using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Sagas.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCustomerSyncAndSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerState",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    StripeCustomerId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    P21CustomerId = table.Column<long>(type: "bigint", nullable: true),
                    ZnodeUserId = table.Column<int>(type: "integer", nullable: true),
                    Record = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false),
                    LinkVersion = table.Column<long>(type: "bigint", nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnlinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastStripeEventId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    LastReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    QuarantinedSystem = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    QuarantinedStep = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    QuarantineReason = table.Column<string>(type: "text", nullable: true),
                    QuarantinedRevision = table.Column<long>(type: "bigint", nullable: true),
                    LastDecisions = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_CustomerState", x => x.CorrelationId);
                });

            migrationBuilder.CreateTable(
                name: "SubscriptionState",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    StripeCustomerId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Items = table.Column<string>(type: "text", nullable: false),
                    CurrentPeriodStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CurrentPeriodEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelAtPeriodEnd = table.Column<bool>(type: "boolean", nullable: false),
                    CanceledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancellationReason = table.Column<string>(type: "text", nullable: true),
                    LastReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastStripeEventId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Invoices = table.Column<string>(type: "text", nullable: false),
                    InvoicesPosted = table.Column<int>(type: "integer", nullable: false),
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
                    table.PrimaryKey("PK_SubscriptionState", x => x.CorrelationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerState_CurrentState",
                table: "CustomerState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerState_P21CustomerId",
                table: "CustomerState",
                column: "P21CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerState_StripeCustomerId",
                table: "CustomerState",
                column: "StripeCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerState_Subject",
                table: "CustomerState",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerState_ZnodeUserId",
                table: "CustomerState",
                column: "ZnodeUserId");

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionState_CurrentState",
                table: "SubscriptionState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionState_StripeCustomerId",
                table: "SubscriptionState",
                column: "StripeCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionState_Subject",
                table: "SubscriptionState",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionState_SubscriptionId",
                table: "SubscriptionState",
                column: "SubscriptionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerState");

            migrationBuilder.DropTable(
                name: "SubscriptionState");
        }
    }
}
