using AspNetFtp.Host.Data;
using AspNetFtp.Host.ProcessManagement;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Startup;

/// <summary>
/// What <c>ftpserver</c> does between binding its ports and accepting its first client, in this order:
/// become the service user (<c>--file-access-user</c>), so root never opens the database in a directory that
/// user owns; migrate the account database; create the first administrator; restore the inherited umask for
/// FTP users' files. It runs in <see cref="FtpServer.ListenersBound"/>, the only moment after the ports are
/// held and before anyone is served, so these are steps of that callback rather than hosted services (a
/// hosted service would start after the server already accepts clients).
/// </summary>
internal sealed class StartupPipeline
{
    private StartupPipeline(IReadOnlyList<IStartupTask> tasks) => Tasks = tasks;

    /// <summary>The steps, in the order they run.</summary>
    public IReadOnlyList<IStartupTask> Tasks { get; }

    /// <summary>The first administrator the pipeline created; null when none was (or before it ran).</summary>
    public FirstAdministratorCredential? FirstAdministrator => Tasks.OfType<CreateFirstAdministrator>().SingleOrDefault()?.Created;

    /// <summary>The steps for this configuration: only those that have something to do.</summary>
    /// <param name="runAs">The <c>--file-access-user</c> account, already checked; null to keep the current user.</param>
    public static StartupPipeline For(IServiceProvider services, IConfiguration configuration, AccountStoreKind store, UnixAccount? runAs)
    {
        var tasks = new List<IStartupTask>();
        bool identity = store == AccountStoreKind.Identity;
        if (runAs is not null)
        {
            string? ftpRoot = identity ? services.GetRequiredService<IOptions<Identity.Accounts.FtpAccountsOptions>>().Value.RootDirectory : null;
            tasks.Add(new BecomeServiceUser(runAs, identity ? AccountStoreSetup.DataDirectory(configuration) : null, ftpRoot));
        }
        else if (identity && OperatingSystem.IsLinux())
        {
            tasks.Add(new TightenDatabaseFiles(AccountStoreSetup.DataDirectory(configuration)));
        }

        if (identity)
        {
            DatabaseOptions database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            bool embedded = database.Provider == DatabaseProvider.Sqlite;
            if (database.MigrateOnStart ?? embedded)
            {
                tasks.Add(new MigrateAccountDatabase(services));
            }

            if (database.CreateFirstAdministrator ?? embedded)
            {
                tasks.Add(new CreateFirstAdministrator(services, configuration));
            }
        }

        tasks.Add(new RestoreInheritedUmask());
        return new StartupPipeline(tasks);
    }

    /// <summary>Runs every step in order; the first that throws stops the start.</summary>
    /// <exception cref="AccountDatabaseException">Migrating the database or creating the first administrator failed.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (IStartupTask task in Tasks)
        {
            await task.RunAsync(cancellationToken);
        }
    }
}
