using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AspNetFtp.Host.Data.Migrations.PostgreSql
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StorageProfile",
                table: "FtpUserAccounts",
                type: "character varying(64)",
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
