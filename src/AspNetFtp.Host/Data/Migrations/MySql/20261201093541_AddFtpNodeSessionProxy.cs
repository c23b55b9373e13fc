using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AspNetFtp.Host.Data.Migrations.MySql
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
                type: "varchar(64)",
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
