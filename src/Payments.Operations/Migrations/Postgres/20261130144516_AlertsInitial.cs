using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Operations.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertsInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlertEpisodes",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FirstText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    LastText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    WindowEndsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstOccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastOccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Occurrences = table.Column<int>(type: "integer", nullable: false),
                    Summarised = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertEpisodes", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertEpisodes_WindowEndsAtUtc",
                table: "AlertEpisodes",
                column: "WindowEndsAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertEpisodes");
        }
    }
}
