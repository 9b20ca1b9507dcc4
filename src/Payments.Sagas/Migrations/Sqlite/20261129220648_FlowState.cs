using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Sagas.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "OrderPaymentState",
                type: "TEXT",
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
