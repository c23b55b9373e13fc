using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExistingIdentityApp.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddFtpAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FtpUserGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Permissions = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HomeDirectory = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    RequireAppPasswords = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpUserGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FtpUserAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    HomeDirectory = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    LastLoginUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpUserAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FtpUserAccounts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FtpUserAccounts_FtpUserGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "FtpUserGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FtpAppPasswords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUsedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpAppPasswords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FtpAppPasswords_FtpUserAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "FtpUserAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FtpAppPasswords_AccountId_Name",
                table: "FtpAppPasswords",
                columns: new[] { "AccountId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FtpUserAccounts_GroupId",
                table: "FtpUserAccounts",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_FtpUserAccounts_UserId",
                table: "FtpUserAccounts",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FtpUserGroups_Name",
                table: "FtpUserGroups",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FtpAppPasswords");

            migrationBuilder.DropTable(
                name: "FtpUserAccounts");

            migrationBuilder.DropTable(
                name: "FtpUserGroups");
        }
    }
}
