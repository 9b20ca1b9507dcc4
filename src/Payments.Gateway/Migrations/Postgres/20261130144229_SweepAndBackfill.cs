using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Gateway.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SweepAndBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Via",
                table: "WebhookEvents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IngestCheckpoints",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Through = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Cursor = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Fed = table.Column<long>(type: "bigint", nullable: false),
                    Completed = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngestCheckpoints", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "IngestLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngestLeases", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IngestCheckpoints");

            migrationBuilder.DropTable(
                name: "IngestLeases");

            migrationBuilder.DropColumn(
                name: "Via",
                table: "WebhookEvents");
        }
    }
}
