using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 11: an app that updated the packages but never added the storage profile migration. Every login reads the
/// new columns, so the start fails naming them and the migration to add, instead of every login getting 421. On each
/// provider, on a database migrated up to the hardening only.
/// </summary>
public abstract class StorageTablesCheckSuite(DatabaseFixture fixture)
{
    public const string MissingStorage =
        "The FTP tables of AppDbContext's database lack the storage profile columns (FtpUserGroups, FtpUserAccounts): "
        + "add a migration (dotnet ef migrations add AddStorageProfile) and apply it (dotnet ef database update)";

    private ServiceProvider BuildServer() => fixture.BuildServices(
        settings: new Dictionary<string, string?> { ["FtpServer:Host"] = "127.0.0.1", ["FtpServer:Port"] = "0" });

    [ProviderFact]
    public async Task A_database_without_the_storage_profile_migration_fails_the_start_naming_it_and_once_migrated_the_server_starts()
    {
        await using (ServiceProvider services = BuildServer())
        {
            await using (AsyncServiceScope scope = services.CreateAsyncScope())
            {
                AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                string before = db.Database.GetMigrations().Single(m => m.EndsWith("_AddHardening", StringComparison.Ordinal));
                await db.GetService<IMigrator>().MigrateAsync(before);
            }

            FtpServer server = services.GetRequiredService<FtpServer>();
            var ex = await Assert.ThrowsAsync<FtpStartupException>(() => server.StartAsync(CancellationToken.None));

            Assert.Equal(MissingStorage, ex.Message);
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
public sealed class SqliteStorageTablesCheckTests(UnmigratedSqliteFixture fixture) : StorageTablesCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlStorageTablesCheckTests(UnmigratedPostgreSqlFixture fixture) : StorageTablesCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlStorageTablesCheckTests(UnmigratedMySqlFixture fixture) : StorageTablesCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
