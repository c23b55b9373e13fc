using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 9: an app that had the FTP tables before the audit log came and never added the audit log's migration. With
/// the audit log on, the start fails naming the table and the migration (instead of every batch being dropped
/// later); with <c>FtpServer:Audit:Enabled=false</c> the same database starts. On each provider, on a migrated
/// database of its own whose audit table the test drops.
/// </summary>
public abstract class AuditTableCheckSuite(DatabaseFixture fixture) : MissingMigrationSuite(fixture)
{
    public const string MissingAuditTable =
        "The FTP audit table FtpAuditEntries is missing from AppDbContext's database: add a migration (dotnet ef migrations add AddFtpAuditLog) "
        + "and apply it (dotnet ef database update), or set FtpServer:Audit:Enabled=false";

    [ProviderFact]
    public async Task A_database_without_the_audit_table_fails_the_start_naming_it_while_the_audit_log_is_on()
    {
        await using (ServiceProvider services = BuildServer(new Dictionary<string, string?> { ["FtpServer:Audit:Enabled"] = "true" }))
        {
            await MigrateWithoutTableAsync(services, "FtpAuditEntries");
            await AssertStartRefusedAsync(services, MissingAuditTable);
        }

        await using (ServiceProvider services = BuildServer(new Dictionary<string, string?> { ["FtpServer:Audit:Enabled"] = "false" }))
        {
            await AssertStartsAsync(services);
        }
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAuditTableCheckTests(UnmigratedSqliteFixture fixture) : AuditTableCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAuditTableCheckTests(UnmigratedPostgreSqlFixture fixture) : AuditTableCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAuditTableCheckTests(UnmigratedMySqlFixture fixture) : AuditTableCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
