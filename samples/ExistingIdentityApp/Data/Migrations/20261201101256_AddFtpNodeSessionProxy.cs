using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExistingIdentityApp.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddFtpNodeSessionProxy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Proxy",
                table: "FtpNodeSessions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Proxy",
                table: "FtpNodeSessions");
        }
    }
}
