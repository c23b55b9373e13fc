using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExistingIdentityApp.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AllowedAddresses",
                table: "FtpUserGroups",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeniedAddresses",
                table: "FtpUserGroups",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DownloadBytesPerSecond",
                table: "FtpUserGroups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxSessions",
                table: "FtpUserGroups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "QuotaBytes",
                table: "FtpUserGroups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "QuotaFiles",
                table: "FtpUserGroups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RequireTls",
                table: "FtpUserGroups",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "UploadBytesPerSecond",
                table: "FtpUserGroups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UploadMode",
                table: "FtpUserGroups",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AllowedAddresses",
                table: "FtpUserAccounts",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeniedAddresses",
                table: "FtpUserAccounts",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DownloadBytesPerSecond",
                table: "FtpUserAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresUtc",
                table: "FtpUserAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxSessions",
                table: "FtpUserAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "QuotaBytes",
                table: "FtpUserAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "QuotaFiles",
                table: "FtpUserAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UploadBytesPerSecond",
                table: "FtpUserAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UsageCountedUtc",
                table: "FtpUserAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UsedBytes",
                table: "FtpUserAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "UsedFiles",
                table: "FtpUserAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "FtpBans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Offences = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpBans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FtpDirectoryRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Permissions = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpDirectoryRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FtpDirectoryRules_FtpUserAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "FtpUserAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FtpDirectoryRules_FtpUserGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "FtpUserGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FtpBans_Address",
                table: "FtpBans",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FtpDirectoryRules_AccountId_Path",
                table: "FtpDirectoryRules",
                columns: new[] { "AccountId", "Path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FtpDirectoryRules_GroupId_Path",
                table: "FtpDirectoryRules",
                columns: new[] { "GroupId", "Path" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FtpBans");

            migrationBuilder.DropTable(
                name: "FtpDirectoryRules");

            migrationBuilder.DropColumn(
                name: "AllowedAddresses",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "DeniedAddresses",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "DownloadBytesPerSecond",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "MaxSessions",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "QuotaBytes",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "QuotaFiles",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "RequireTls",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "UploadBytesPerSecond",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "UploadMode",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "AllowedAddresses",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "DeniedAddresses",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "DownloadBytesPerSecond",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "ExpiresUtc",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "MaxSessions",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "QuotaBytes",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "QuotaFiles",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "UploadBytesPerSecond",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "UsageCountedUtc",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "UsedBytes",
                table: "FtpUserAccounts");

            migrationBuilder.DropColumn(
                name: "UsedFiles",
                table: "FtpUserAccounts");
        }
    }
}
