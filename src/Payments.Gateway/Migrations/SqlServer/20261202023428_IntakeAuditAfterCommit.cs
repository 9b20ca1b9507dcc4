using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Gateway.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class IntakeAuditAfterCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AuditedAt",
                table: "WebhookEvents",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Published",
                table: "WebhookEvents",
                type: "nvarchar(max)",
                nullable: true);

            // The records of before this migration had their intake entries written on the request path: nothing is due for them.
            migrationBuilder.Sql("UPDATE [WebhookEvents] SET [AuditedAt] = [ReceivedAt];");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_Unaudited",
                table: "WebhookEvents",
                column: "ReceivedAt",
                filter: "\"AuditedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookEvents_Unaudited",
                table: "WebhookEvents");

            migrationBuilder.DropColumn(
                name: "AuditedAt",
                table: "WebhookEvents");

            migrationBuilder.DropColumn(
                name: "Published",
                table: "WebhookEvents");
        }
    }
}
