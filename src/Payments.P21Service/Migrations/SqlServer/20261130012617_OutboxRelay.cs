using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.P21Service.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OutboxRelay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AlertedAt",
                table: "OutboxState",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntil",
                table: "OutboxState",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeliveryAttempts",
                table: "OutboxState",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "OutboxState",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "OutboxState",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ParkedAt",
                table: "OutboxState",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxState_Pending",
                table: "OutboxState",
                column: "Created",
                filter: "\"Delivered\" IS NULL AND \"ParkedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxState_Pending",
                table: "OutboxState");

            migrationBuilder.DropColumn(
                name: "AlertedAt",
                table: "OutboxState");

            migrationBuilder.DropColumn(
                name: "ClaimedUntil",
                table: "OutboxState");

            migrationBuilder.DropColumn(
                name: "DeliveryAttempts",
                table: "OutboxState");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "OutboxState");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "OutboxState");

            migrationBuilder.DropColumn(
                name: "ParkedAt",
                table: "OutboxState");
        }
    }
}
