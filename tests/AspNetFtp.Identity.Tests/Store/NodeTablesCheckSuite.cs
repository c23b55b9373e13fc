using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 12: an app that had the FTP tables before the node registry came and never added its migration. With the node
/// registry on (the default), the start fails naming the table and the migration (instead of every heartbeat
/// failing later); with <c>FtpServer:Node:Enabled=false</c> the same database starts. On each provider, on a migrated
/// database of its own whose command table the test drops.
/// </summary>
public abstract class NodeTablesCheckSuite(DatabaseFixture fixture) : MissingMigrationSuite(fixture)
{
    public const string MissingNodeTable =
        "The FTP node tables (FtpNodeCommands) are missing from AppDbContext's database: add a migration (dotnet ef migrations add AddFtpNodes) "
        + "and apply it (dotnet ef database update), or set FtpServer:Node:Enabled=false";

    [ProviderFact]
    public async Task A_database_without_the_node_command_table_fails_the_start_naming_it_while_the_node_registry_is_on()
    {
        await using (ServiceProvider services = BuildServer(new Dictionary<string, string?> { ["FtpServer:Node:Enabled"] = "true" }))
        {
            await MigrateWithoutTableAsync(services, "FtpNodeCommands");
            await AssertStartRefusedAsync(services, MissingNodeTable);
        }

        await using (ServiceProvider services = BuildServer(new Dictionary<string, string?> { ["FtpServer:Node:Enabled"] = "false" }))
        {
            await AssertStartsAsync(services);
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteNodeTablesCheckTests(UnmigratedSqliteFixture fixture) : NodeTablesCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlNodeTablesCheckTests(UnmigratedPostgreSqlFixture fixture) : NodeTablesCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlNodeTablesCheckTests(UnmigratedMySqlFixture fixture) : NodeTablesCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
