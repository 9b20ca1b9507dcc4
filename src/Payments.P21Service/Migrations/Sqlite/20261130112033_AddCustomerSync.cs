using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.P21Service.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCustomerSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerLink",
                columns: table => new
                {
                    StripeCustomerId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    P21CustomerId = table.Column<long>(type: "INTEGER", nullable: true),
                    ZnodeUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    Unlinked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FieldRevisions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerLink", x => x.StripeCustomerId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerLink_P21CustomerId",
                table: "CustomerLink",
                column: "P21CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerLink");
        }
    }
}
