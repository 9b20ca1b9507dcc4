using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Sagas.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddCustomerAnsweredRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "P21AnsweredRevision",
                table: "CustomerState",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StripeAnsweredRevision",
                table: "CustomerState",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ZnodeAnsweredRevision",
                table: "CustomerState",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "P21AnsweredRevision",
                table: "CustomerState");

            migrationBuilder.DropColumn(
                name: "StripeAnsweredRevision",
                table: "CustomerState");

            migrationBuilder.DropColumn(
                name: "ZnodeAnsweredRevision",
                table: "CustomerState");
        }
    }
}
