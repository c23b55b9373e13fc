using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExistingIdentityApp.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddFtpAuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FtpAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TimeUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RemoteAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RemotePort = table.Column<int>(type: "INTEGER", nullable: true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    TargetPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpAuditEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FtpAuditEntries_Kind_TimeUtc",
                table: "FtpAuditEntries",
                columns: new[] { "Kind", "TimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FtpAuditEntries_RemoteAddress_TimeUtc",
                table: "FtpAuditEntries",
                columns: new[] { "RemoteAddress", "TimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FtpAuditEntries_TimeUtc",
                table: "FtpAuditEntries",
                column: "TimeUtc");

            migrationBuilder.CreateIndex(
                name: "IX_FtpAuditEntries_UserName_TimeUtc",
                table: "FtpAuditEntries",
                columns: new[] { "UserName", "TimeUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FtpAuditEntries");
        }
    }
}
