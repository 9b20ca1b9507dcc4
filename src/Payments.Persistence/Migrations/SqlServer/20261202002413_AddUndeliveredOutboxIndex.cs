using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddUndeliveredOutboxIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OutboxState_Undelivered",
                table: "OutboxState",
                column: "Created",
                filter: "\"Delivered\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxState_Undelivered",
                table: "OutboxState");
        }
    }
}
