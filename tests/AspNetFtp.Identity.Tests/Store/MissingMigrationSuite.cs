using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// What every "a forgotten migration stops the start" suite does (one per migration set: accounts, audit log, hardening,
/// storage profiles, nodes): a server on a loopback port 0 over the fixture's own unmigrated database, the database
/// brought to the state of an app that never added one migration, then the start refused with the exact message and
/// no listener, or the start allowed once migrated or once the feature is off. Each suite keeps its own test and message.
/// </summary>
public abstract class MissingMigrationSuite(DatabaseFixture fixture)
{
    protected ServiceProvider BuildServer(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var all = new Dictionary<string, string?> { ["FtpServer:Host"] = "127.0.0.1", ["FtpServer:Port"] = "0" };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return fixture.BuildServices(configure, all);
    }

    /// <summary>Migrates the whole model, as an up-to-date app does.</summary>
    protected static Task MigrateAsync(ServiceProvider services) => AccountStoreSetup.MigrateAsync(services, CancellationToken.None);

    /// <summary>Migrates up to and including the migration whose name ends with <c>_<paramref name="lastApplied"/></c>, and no further.</summary>
    protected static async Task MigrateUpToAsync(ServiceProvider services, string lastApplied)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        string target = db.Database.GetMigrations().Single(m => m.EndsWith("_" + lastApplied, StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(target);
    }

    /// <summary>Migrates the whole model, then drops <paramref name="table"/>: the app that never added that table's migration.</summary>
    protected static async Task MigrateWithoutTableAsync(ServiceProvider services, string table)
    {
        await MigrateAsync(services);
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The identifier comes from the provider's own quoting of a constant, not from input.
        string drop = "DROP TABLE " + db.GetService<ISqlGenerationHelper>().DelimitIdentifier(table);
        await db.Database.ExecuteSqlRawAsync(drop);
    }

    /// <summary>The start throws <see cref="FtpStartupException"/> with exactly <paramref name="message"/> and nothing listens.</summary>
    protected static async Task AssertStartRefusedAsync(ServiceProvider services, string message)
    {
        FtpServer server = services.GetRequiredService<FtpServer>();

        var ex = await Assert.ThrowsAsync<FtpStartupException>(() => server.StartAsync(CancellationToken.None));

        Assert.Equal(message, ex.Message);
        Assert.False(server.IsAccepting);
    }

    /// <summary>The server starts and accepts; <paramref name="whileRunning"/> runs before it is stopped again.</summary>
    protected static async Task AssertStartsAsync(ServiceProvider services, Func<Task>? whileRunning = null)
    {
        FtpServer server = services.GetRequiredService<FtpServer>();
        await server.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(server.IsAccepting);
            if (whileRunning is not null)
            {
                await whileRunning();
            }
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }
}
