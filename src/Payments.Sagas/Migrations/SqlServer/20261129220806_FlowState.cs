using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Sagas.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FlowState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FailedAt",
                table: "OrderPaymentState",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "OrderPaymentState",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_OrderPaymentState_CurrentState",
                table: "OrderPaymentState",
                column: "CurrentState");

            migrationBuilder.CreateIndex(
                name: "IX_OrderPaymentState_Subject",
                table: "OrderPaymentState",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OrderPaymentState_CurrentState",
                table: "OrderPaymentState");

            migrationBuilder.DropIndex(
                name: "IX_OrderPaymentState_Subject",
                table: "OrderPaymentState");

            migrationBuilder.DropColumn(
                name: "FailedAt",
                table: "OrderPaymentState");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "OrderPaymentState");
        }
    }
}
