using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 8: a forgotten migration stops the start, before any client is served, with a message that names the
/// missing tables and what to do (not a 421 at the first login); once migrated the same server starts and is
/// healthy. On each provider, with a database nobody migrated.
/// </summary>
public abstract class AccountTablesCheckSuite(DatabaseFixture fixture) : MissingMigrationSuite(fixture)
{
    public const string MissingTables =
        "The FTP account tables (FtpUserGroups, FtpUserAccounts, FtpAppPasswords) are missing from AppDbContext's database: "
        + "add a migration (dotnet ef migrations add AddFtpAccounts) and apply it (dotnet ef database update)";

    private static readonly Action<IServiceCollection> HealthChecks = s => s.AddHealthChecks().AddFtpHealthChecks();

    [ProviderFact]
    public async Task A_database_without_the_ftp_migration_fails_the_start_naming_the_tables_and_once_migrated_the_server_starts()
    {
        await using (ServiceProvider services = BuildServer(configure: HealthChecks))
        {
            await AssertStartRefusedAsync(services, MissingTables);
            HealthReport health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Unhealthy, health.Status);
        }

        await using (ServiceProvider services = BuildServer(configure: HealthChecks))
        {
            await MigrateAsync(services);
            await AssertStartsAsync(services, async () =>
            {
                HealthReport health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
                Assert.Equal(HealthStatus.Healthy, health.Status);
            });
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAccountTablesCheckTests(UnmigratedSqliteFixture fixture) : AccountTablesCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAccountTablesCheckTests(UnmigratedPostgreSqlFixture fixture) : AccountTablesCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAccountTablesCheckTests(UnmigratedMySqlFixture fixture) : AccountTablesCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
