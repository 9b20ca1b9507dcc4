using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.P21Service.Migrations.Postgres
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
                    StripeCustomerId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    P21CustomerId = table.Column<long>(type: "bigint", nullable: true),
                    ZnodeUserId = table.Column<int>(type: "integer", nullable: true),
                    Unlinked = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FieldRevisions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
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
