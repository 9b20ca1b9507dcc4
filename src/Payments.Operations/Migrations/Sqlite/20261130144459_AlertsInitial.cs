using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Operations.Migrations.Sqlite
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
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FirstText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LastText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowEndsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstOccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastOccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Occurrences = table.Column<int>(type: "INTEGER", nullable: false),
                    Summarised = table.Column<bool>(type: "INTEGER", nullable: false)
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
