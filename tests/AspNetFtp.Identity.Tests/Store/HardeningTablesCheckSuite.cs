using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 10: an app that updated the packages but never added the hardening migration (directory rules, bans, address
/// rules, limits, quota usage). The start fails naming what is missing and the migration to add, instead of every
/// login getting 421. On each provider, on a database migrated up to the audit log only.
/// </summary>
public abstract class HardeningTablesCheckSuite(DatabaseFixture fixture) : MissingMigrationSuite(fixture)
{
    public const string MissingHardening =
        "The FTP tables of AppDbContext's database lack what this version added (FtpDirectoryRules, FtpBans, FtpUserGroups, FtpUserAccounts): "
        + "add a migration (dotnet ef migrations add AddHardening) and apply it (dotnet ef database update)";

    [ProviderFact]
    public async Task A_database_without_the_hardening_migration_fails_the_start_naming_it_and_once_migrated_the_server_starts()
    {
        await using (ServiceProvider services = BuildServer())
        {
            await MigrateUpToAsync(services, "AddFtpAuditLog");
            await AssertStartRefusedAsync(services, MissingHardening);
        }

        await using (ServiceProvider services = BuildServer())
        {
            await MigrateAsync(services);
            await AssertStartsAsync(services);
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteHardeningTablesCheckTests(UnmigratedSqliteFixture fixture) : HardeningTablesCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlHardeningTablesCheckTests(UnmigratedPostgreSqlFixture fixture) : HardeningTablesCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlHardeningTablesCheckTests(UnmigratedMySqlFixture fixture) : HardeningTablesCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
