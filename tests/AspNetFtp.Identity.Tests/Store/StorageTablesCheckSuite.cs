using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 11: an app that updated the packages but never added the storage profile migration. Every login reads the
/// new columns, so the start fails naming them and the migration to add, instead of every login getting 421. On each
/// provider, on a database migrated up to the hardening only.
/// </summary>
public abstract class StorageTablesCheckSuite(DatabaseFixture fixture) : MissingMigrationSuite(fixture)
{
    public const string MissingStorage =
        "The FTP tables of AppDbContext's database lack the storage profile columns (FtpUserGroups, FtpUserAccounts): "
        + "add a migration (dotnet ef migrations add AddStorageProfile) and apply it (dotnet ef database update)";

    [ProviderFact]
    public async Task A_database_without_the_storage_profile_migration_fails_the_start_naming_it_and_once_migrated_the_server_starts()
    {
        await using (ServiceProvider services = BuildServer())
        {
            await MigrateUpToAsync(services, "AddHardening");
            await AssertStartRefusedAsync(services, MissingStorage);
        }

        await using (ServiceProvider services = BuildServer())
        {
            await MigrateAsync(services);
            await AssertStartsAsync(services);
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteStorageTablesCheckTests(UnmigratedSqliteFixture fixture) : StorageTablesCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlStorageTablesCheckTests(UnmigratedPostgreSqlFixture fixture) : StorageTablesCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlStorageTablesCheckTests(UnmigratedMySqlFixture fixture) : StorageTablesCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
