using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 10: an app that updated the packages but never added the hardening migration (directory rules, bans, address
/// rules, limits, quota usage). The start fails naming what is missing and the migration to add, instead of every
/// login getting 421. On each provider, on a database migrated up to the audit log only.
/// </summary>
public abstract class HardeningTablesCheckSuite(DatabaseFixture fixture)
{
    public const string MissingHardening =
        "The FTP tables of AppDbContext's database lack what this version added (FtpDirectoryRules, FtpBans, FtpUserGroups, FtpUserAccounts): "
        + "add a migration (dotnet ef migrations add AddHardening) and apply it (dotnet ef database update)";

    private ServiceProvider BuildServer() => fixture.BuildServices(
        settings: new Dictionary<string, string?> { ["FtpServer:Host"] = "127.0.0.1", ["FtpServer:Port"] = "0" });

    [ProviderFact]
    public async Task A_database_without_the_hardening_migration_fails_the_start_naming_it_and_once_migrated_the_server_starts()
    {
        await using (ServiceProvider services = BuildServer())
        {
            await using (AsyncServiceScope scope = services.CreateAsyncScope())
            {
                AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                string before = db.Database.GetMigrations().Single(m => m.EndsWith("_AddFtpAuditLog", StringComparison.Ordinal));
                await db.GetService<IMigrator>().MigrateAsync(before);
            }

            FtpServer server = services.GetRequiredService<FtpServer>();
            var ex = await Assert.ThrowsAsync<FtpStartupException>(() => server.StartAsync(CancellationToken.None));

            Assert.Equal(MissingHardening, ex.Message);
            Assert.False(server.IsAccepting);
        }

        await using (ServiceProvider services = BuildServer())
        {
            await AccountStoreSetup.MigrateAsync(services, CancellationToken.None);
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
public sealed class SqliteHardeningTablesCheckTests(UnmigratedSqliteFixture fixture) : HardeningTablesCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlHardeningTablesCheckTests(UnmigratedPostgreSqlFixture fixture) : HardeningTablesCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlHardeningTablesCheckTests(UnmigratedMySqlFixture fixture) : HardeningTablesCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
