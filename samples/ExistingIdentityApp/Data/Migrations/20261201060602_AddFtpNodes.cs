using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExistingIdentityApp.Data.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SessionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpNodeCommands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FtpNodes",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Endpoints = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    PassivePorts = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    MasqueradeAddress = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HeartbeatUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StoppedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpNodes", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "FtpNodeSessions",
                columns: table => new
                {
                    NodeName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SessionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Remote = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsTls = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConnectedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastCommand = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastCommandUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TransferVerb = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TransferDirection = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TransferPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    TransferBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FtpNodeSessions", x => new { x.NodeName, x.SessionId });
                });

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
                name: "FtpNodes");

            migrationBuilder.DropTable(
                name: "FtpNodeSessions");
        }
    }
}
