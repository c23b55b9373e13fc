using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 9: an app that had the FTP tables before the audit log came and never added the audit log's migration. With
/// the audit log on, the start fails naming the table and the migration (instead of every batch being dropped
/// later); with <c>FtpServer:Audit:Enabled=false</c> the same database starts. On each provider, on a migrated
/// database of its own whose audit table the test drops.
/// </summary>
public abstract class AuditTableCheckSuite(DatabaseFixture fixture)
{
    public const string MissingAuditTable =
        "The FTP audit table FtpAuditEntries is missing from AppDbContext's database: add a migration (dotnet ef migrations add AddFtpAuditLog) "
        + "and apply it (dotnet ef database update), or set FtpServer:Audit:Enabled=false";

    private ServiceProvider BuildServer(bool auditEnabled) => fixture.BuildServices(
        settings: new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:Audit:Enabled"] = auditEnabled ? "true" : "false",
        });

    [ProviderFact]
    public async Task A_database_without_the_audit_table_fails_the_start_naming_it_while_the_audit_log_is_on()
    {
        await using (ServiceProvider services = BuildServer(auditEnabled: true))
        {
            await AccountStoreSetup.MigrateAsync(services, CancellationToken.None);
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            string table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier("FtpAuditEntries");
            // The identifier comes from the provider's own quoting of a constant, not from input.
            string drop = "DROP TABLE " + table;
            await db.Database.ExecuteSqlRawAsync(drop);

            FtpServer server = services.GetRequiredService<FtpServer>();
            var ex = await Assert.ThrowsAsync<FtpStartupException>(() => server.StartAsync(CancellationToken.None));

            Assert.Equal(MissingAuditTable, ex.Message);
            Assert.False(server.IsAccepting);
        }

        await using (ServiceProvider services = BuildServer(auditEnabled: false))
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
public sealed class SqliteAuditTableCheckTests(UnmigratedSqliteFixture fixture) : AuditTableCheckSuite(fixture), IClassFixture<UnmigratedSqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAuditTableCheckTests(UnmigratedPostgreSqlFixture fixture) : AuditTableCheckSuite(fixture), IClassFixture<UnmigratedPostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAuditTableCheckTests(UnmigratedMySqlFixture fixture) : AuditTableCheckSuite(fixture), IClassFixture<UnmigratedMySqlFixture>;
