using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExistingIdentityApp.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddStorageProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StorageProfile",
                table: "FtpUserGroups",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StorageProfile",
                table: "FtpUserAccounts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StorageProfile",
                table: "FtpUserGroups");

            migrationBuilder.DropColumn(
                name: "StorageProfile",
                table: "FtpUserAccounts");
        }
    }
}
