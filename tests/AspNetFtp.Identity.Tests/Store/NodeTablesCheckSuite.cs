using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 12: an app that had the FTP tables before the node registry came and never added its migration. With the node
/// registry on (the default), the start fails naming the table and the migration (instead of every heartbeat
/// failing later); with <c>FtpServer:Node:Enabled=false</c> the same database starts. On each provider, on a migrated
/// database of its own whose command table the test drops.
/// </summary>
public abstract class NodeTablesCheckSuite(DatabaseFixture fixture)
{
    public const string MissingNodeTable =
        "The FTP node tables (FtpNodeCommands) are missing from AppDbContext's database: add a migration (dotnet ef migrations add AddFtpNodes) "
        + "and apply it (dotnet ef database update), or set FtpServer:Node:Enabled=false";

    private ServiceProvider BuildServer(bool nodesEnabled) => fixture.BuildServices(
        settings: new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:Node:Enabled"] = nodesEnabled ? "true" : "false",
        });

    [ProviderFact]
    public async Task A_database_without_the_node_command_table_fails_the_start_naming_it_while_the_node_registry_is_on()
    {
        await using (ServiceProvider services = BuildServer(nodesEnabled: true))
        {
            await AccountStoreSetup.MigrateAsync(services, CancellationToken.None);
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            string table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier("FtpNodeCommands");
            // The identifier comes from the provider's own quoting of a constant, not from input.
            string drop = "DROP TABLE " + table;
            await db.Database.ExecuteSqlRawAsync(drop);

            FtpServer server = services.GetRequiredService<FtpServer>();
            var ex = await Assert.ThrowsAsync<FtpStartupException>(() => server.StartAsync(CancellationToken.None));

            Assert.Equal(MissingNodeTable, ex.Message);
            Assert.False(server.IsAccepting);
        }

        await using (ServiceProvider services = BuildServer(nodesEnabled: false))
        {
            FtpServer server = services.GetRequiredService<FtpServer>();
            await server.StartAsync(CancellationToken.None);
            try
            {
                Assert.True(server.IsAccepting);
            }
            finally
            {
                await server.StopAsync(CancellationToken.None);
            }
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteNodeTablesCheckTests(UnmigratedSqliteFixture fixture) : NodeTablesCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlNodeTablesCheckTests(UnmigratedPostgreSqlFixture fixture) : NodeTablesCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlNodeTablesCheckTests(UnmigratedMySqlFixture fixture) : NodeTablesCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
