using System;
using Microsoft.EntityFrameworkCore.Migrations;
using MySql.EntityFrameworkCore.Metadata;

#nullable disable

namespace AspNetFtp.Host.Data.Migrations.MySql
{
    /// <inheritdoc />
    public partial class AddFtpNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FtpNodeCommands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySQL:ValueGenerationStrategy", MySQLValueGenerationStrategy.IdentityColumn),
                    NodeName = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false),
                    SessionId = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false),
                    RequestedBy = table.Column<string>(type: "varchar(256)", maxLength: 256, nullable: true),
                    RequestedUtc = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    Outcome = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpNodeCommands", x => x.Id);
                })
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "FtpNodeSessions",
                columns: table => new
                {
                    NodeName = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false),
                    SessionId = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "varchar(256)", maxLength: 256, nullable: true),
                    Remote = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false),
                    IsTls = table.Column<bool>(type: "tinyint(1)", nullable: false),
                    ConnectedUtc = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    LastCommand = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: true),
                    LastCommandUtc = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    TransferVerb = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: true),
                    TransferDirection = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: true),
                    TransferPath = table.Column<string>(type: "varchar(1024)", maxLength: 1024, nullable: true),
                    TransferBytes = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpNodeSessions", x => new { x.NodeName, x.SessionId });
                })
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "FtpNodes",
                columns: table => new
                {
                    Name = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false),
                    InstanceId = table.Column<Guid>(type: "char(36)", nullable: false),
                    Endpoints = table.Column<string>(type: "varchar(512)", maxLength: 512, nullable: false),
                    PassivePorts = table.Column<string>(type: "varchar(512)", maxLength: 512, nullable: true),
                    MasqueradeAddress = table.Column<string>(type: "varchar(512)", maxLength: 512, nullable: true),
                    Version = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    HeartbeatUtc = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    StoppedUtc = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpNodes", x => x.Name);
                })
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_FtpNodeCommands_NodeName_CompletedUtc",
                table: "FtpNodeCommands",
                columns: new[] { "NodeName", "CompletedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FtpNodeCommands");

            migrationBuilder.DropTable(
                name: "FtpNodeSessions");

            migrationBuilder.DropTable(
                name: "FtpNodes");
        }
    }
}
