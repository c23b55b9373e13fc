using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// <c>Database:MigrateOnStart</c> (every start and every account verb on SQLite by default) migrates only a database
/// that lacks a migration: here one that stopped at the hardening migration, as an app upgraded from that release.
/// </summary>
public abstract class MigrateIfPendingSuite(DatabaseFixture fixture) : MissingMigrationSuite(fixture)
{
    [ProviderFact]
    public async Task Migrate_on_start_applies_every_migration_a_database_lacks()
    {
        await using ServiceProvider services = BuildServer();
        await MigrateUpToAsync(services, "AddHardening");
        Assert.NotEmpty(await PendingAsync(services));

        await AccountStoreSetup.MigrateIfPendingAsync(services, CancellationToken.None);

        Assert.Empty(await PendingAsync(services));
    }

    protected static async Task<IReadOnlyList<string>> PendingAsync(ServiceProvider services)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return [.. await db.Database.GetPendingMigrationsAsync()];
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteMigrateIfPendingTests(UnmigratedSqliteFixture fixture) : MigrateIfPendingSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlMigrateIfPendingTests(UnmigratedPostgreSqlFixture fixture) : MigrateIfPendingSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlMigrateIfPendingTests(UnmigratedMySqlFixture fixture) : MigrateIfPendingSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;

/// <summary>
/// On an up-to-date database, migrate-on-start reads the history and stops: EF Core's full run (its migration lock, which
/// on SQLite is the <c>__EFMigrationsLock</c> table it creates, and its model comparison) is what made every verb slow.
/// </summary>
[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteUpToDateMigrateIfPendingTests(UnmigratedSqliteFixture fixture) : MissingMigrationSuite(fixture), IClassFixture<UnmigratedSqliteFixture>
{
    [ProviderFact]
    public async Task Migrate_on_start_leaves_an_up_to_date_database_alone_without_taking_the_migration_lock()
    {
        await using ServiceProvider services = BuildServer();
        await MigrateAsync(services);
        await ExecuteAsync(services, "DROP TABLE \"__EFMigrationsLock\"");

        await AccountStoreSetup.MigrateIfPendingAsync(services, CancellationToken.None);

        Assert.Equal(0, await CountTablesAsync(services, "__EFMigrationsLock"));
        await MigrateAsync(services);
        Assert.Equal(1, await CountTablesAsync(services, "__EFMigrationsLock"));
    }

    private static async Task ExecuteAsync(ServiceProvider services, string sql)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<int> CountTablesAsync(ServiceProvider services, string table)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}").SingleAsync();
    }
}
