using System.Data.Common;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Nodes;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// The start-up (and health) check that the FTP account tables exist in the application's database, so a
/// forgotten migration stops the start with what to do instead of showing at the first login as a 421.
/// Registered by <c>AddIdentityAccounts</c>; runs after the host's own <c>ListenersBound</c> step (the ready
/// server migrates there). A database that cannot be reached at all is reported as unavailable (the start goes
/// on, logins get 421 until it is back); reachable but without the tables is broken. Each table is read with one
/// cheap query (<c>EXISTS</c>), so it works the same on every provider. While the audit log is on
/// (<c>FtpServer:Audit:Enabled</c>) its table <c>FtpAuditEntries</c> is checked too: an app that had the FTP tables
/// before the audit log came needs its own migration (<c>AddFtpAuditLog</c>), else every batch would be dropped.
/// While the node registry is on (<c>FtpServer:Node:Enabled</c>) its tables are checked too (<c>AddFtpNodes</c>).
/// </summary>
internal sealed class FtpAccountTablesCheck<TAccount, TContext>(IServiceScopeFactory scopes, IOptions<FtpAuditOptions> audit, IOptions<FtpNodeOptions> nodes) : IFtpReadinessCheck
    where TAccount : class
    where TContext : DbContext
{
    public async Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        string context = typeof(TContext).Name;
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        TContext db = scope.ServiceProvider.GetRequiredService<TContext>();
        IEntityType? groups = db.Model.FindEntityType(typeof(FtpUserGroup));
        IEntityType? accounts = db.Model.FindEntityType(typeof(TAccount));
        IEntityType? appPasswords = db.Model.FindEntityType(typeof(FtpAppPassword));
        if (groups is null || accounts is null || appPasswords is null)
        {
            return FtpReadiness.Broken(
                $"{context}'s model has no FTP accounts: call builder.AddFtpAccounts<TUser>() in its OnModelCreating, "
                + "then add a migration (dotnet ef migrations add AddFtpAccounts) and apply it (dotnet ef database update)");
        }

        bool exists;
        try
        {
            // Connects (SQLite: looks for the file without creating it); a server that is down throws.
            exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return FtpReadiness.Unavailable($"{context}'s database cannot be reached; FTP logins get 421 until it can");
        }

        var missing = new List<string>(3);
        if (!exists)
        {
            missing.AddRange([TableOf(groups), TableOf(accounts), TableOf(appPasswords)]);
            return MissingTables(context, missing);
        }

        await ProbeAsync(db.Set<FtpUserGroup>(), groups, missing, cancellationToken);
        await ProbeAsync(db.Set<TAccount>(), accounts, missing, cancellationToken);
        await ProbeAsync(db.Set<FtpAppPassword>(), appPasswords, missing, cancellationToken);
        if (missing.Count != 0)
        {
            // The accounts' migration (AddFtpAccounts) creates the audit table too: one step to name.
            return MissingTables(context, missing);
        }

        FtpReadiness hardening = await CheckHardeningAsync(db, context, cancellationToken);
        if (hardening.Status != FtpReadinessStatus.Ready)
        {
            return hardening;
        }

        FtpReadiness storage = await CheckStorageColumnsAsync(db, context, cancellationToken);
        if (storage.Status != FtpReadinessStatus.Ready)
        {
            return storage;
        }

        if (audit.Value.Enabled && await CheckAuditTableAsync(db, context, cancellationToken) is { Status: not FtpReadinessStatus.Ready } auditTable)
        {
            return auditTable;
        }

        return nodes.Value.Enabled ? await CheckNodeTablesAsync(db, context, cancellationToken) : FtpReadiness.Ready;
    }

    /// <summary>The node registry's tables (issue 12): without them the heartbeat fails at every beat.</summary>
    private static async Task<FtpReadiness> CheckNodeTablesAsync(TContext db, string context, CancellationToken cancellationToken)
    {
        const string Steps = "add a migration (dotnet ef migrations add AddFtpNodes) and apply it (dotnet ef database update), or set FtpServer:Node:Enabled=false";
        if (db.Model.FindEntityType(typeof(FtpNode)) is not IEntityType node
            || db.Model.FindEntityType(typeof(FtpNodeSession)) is not IEntityType session
            || db.Model.FindEntityType(typeof(FtpNodeCommand)) is not IEntityType command)
        {
            return FtpReadiness.Broken($"{context}'s model has no FTP node registry: call builder.AddFtpNodes() in its OnModelCreating, " + Steps);
        }

        var missing = new List<string>(3);
        await ProbeAsync(db.Set<FtpNode>(), node, missing, cancellationToken);
        await ProbeAsync(db.Set<FtpNodeSession>(), session, missing, cancellationToken);
        await ProbeAsync(db.Set<FtpNodeCommand>(), command, missing, cancellationToken);
        if (missing.Count > 0)
        {
            return FtpReadiness.Broken($"The FTP node tables ({string.Join(", ", missing)}) are missing from {context}'s database: " + Steps);
        }

        // The balancer's address of a proxied session, added after the tables (AddFtpNodeSessionProxy).
        await ProbeColumnsAsync(db.Set<FtpNodeSession>().Select(s => s.Proxy), session, missing, cancellationToken);
        return missing.Count == 0
            ? FtpReadiness.Ready
            : FtpReadiness.Broken(
                $"The FTP node session table of {context}'s database lacks the Proxy column: add a migration "
                + "(dotnet ef migrations add AddFtpNodeSessionProxy) and apply it (dotnet ef database update), or set FtpServer:Node:Enabled=false");
    }

    /// <summary>The storage profile columns issue 11 added to the groups and accounts: every login reads them.</summary>
    private static async Task<FtpReadiness> CheckStorageColumnsAsync(TContext db, string context, CancellationToken cancellationToken)
    {
        var missing = new List<string>(2);
        IEntityType groups = db.Model.FindEntityType(typeof(FtpUserGroup))!;
        await ProbeColumnsAsync(db.Set<FtpUserGroup>().Select(g => g.StorageProfile), groups, missing, cancellationToken);
        IEntityType accounts = db.Model.FindEntityType(typeof(TAccount))!;
        await ProbeColumnsAsync(db.Set<TAccount>().Select(a => EF.Property<string?>(a, nameof(FtpUserAccount.StorageProfile))), accounts, missing, cancellationToken);
        return missing.Count == 0
            ? FtpReadiness.Ready
            : FtpReadiness.Broken(
                $"The FTP tables of {context}'s database lack the storage profile columns ({string.Join(", ", missing)}): add a migration "
                + "(dotnet ef migrations add AddStorageProfile) and apply it (dotnet ef database update)");
    }

    /// <summary>
    /// The tables and columns issue 10 added (directory rules, bans, address rules, limits, quota usage): an app that
    /// updated the package without adding its migration would otherwise refuse every login with 421.
    /// </summary>
    private static async Task<FtpReadiness> CheckHardeningAsync(TContext db, string context, CancellationToken cancellationToken)
    {
        var missing = new List<string>(4);
        if (db.Model.FindEntityType(typeof(FtpDirectoryRule)) is IEntityType rules)
        {
            await ProbeAsync(db.Set<FtpDirectoryRule>(), rules, missing, cancellationToken);
        }

        if (db.Model.FindEntityType(typeof(FtpBan)) is IEntityType bans)
        {
            await ProbeAsync(db.Set<FtpBan>(), bans, missing, cancellationToken);
        }

        // Columns added to existing tables: a query that reads them fails on a table without them.
        IEntityType groups = db.Model.FindEntityType(typeof(FtpUserGroup))!;
        await ProbeColumnsAsync(db.Set<FtpUserGroup>().Select(g => new { g.QuotaFiles, g.UploadMode, g.AllowedAddresses }), groups, missing, cancellationToken);
        IEntityType accounts = db.Model.FindEntityType(typeof(TAccount))!;
        await ProbeColumnsAsync(db.Set<TAccount>().Select(a => EF.Property<long>(a, nameof(FtpUserAccount.UsedFiles))), accounts, missing, cancellationToken);
        if (missing.Count == 0)
        {
            return FtpReadiness.Ready;
        }

        return FtpReadiness.Broken(
            $"The FTP tables of {context}'s database lack what this version added ({string.Join(", ", missing)}): add a migration "
            + "(dotnet ef migrations add AddHardening) and apply it (dotnet ef database update)");
    }

    private static async Task<FtpReadiness> CheckAuditTableAsync(TContext db, string context, CancellationToken cancellationToken)
    {
        IEntityType? entries = db.Model.FindEntityType(typeof(FtpAuditEntry));
        if (entries is null)
        {
            return FtpReadiness.Broken(
                $"{context}'s model has no FTP audit log: call builder.AddFtpAuditLog() in its OnModelCreating, add a migration "
                + "(dotnet ef migrations add AddFtpAuditLog) and apply it (dotnet ef database update), or set FtpServer:Audit:Enabled=false");
        }

        var missing = new List<string>(1);
        await ProbeAsync(db.Set<FtpAuditEntry>(), entries, missing, cancellationToken);
        return missing.Count == 0
            ? FtpReadiness.Ready
            : FtpReadiness.Broken(
                $"The FTP audit table {missing[0]} is missing from {context}'s database: add a migration (dotnet ef migrations add AddFtpAuditLog) "
                + "and apply it (dotnet ef database update), or set FtpServer:Audit:Enabled=false");
    }

    private static FtpReadiness MissingTables(string context, List<string> missing)
    {
        string tables = string.Join(", ", missing);
        return FtpReadiness.Broken(missing.Count == 1
            ? $"The FTP account table {tables} is missing from {context}'s database: add a migration (dotnet ef migrations add AddFtpAccounts) and apply it (dotnet ef database update)"
            : $"The FTP account tables ({tables}) are missing from {context}'s database: add a migration (dotnet ef migrations add AddFtpAccounts) and apply it (dotnet ef database update)");
    }

    /// <summary>Reads whether the table has a row; a provider error (no such table, 42P01, 1146) marks it missing.</summary>
    private static Task ProbeAsync<TEntity>(IQueryable<TEntity> table, IEntityType entity, List<string> missing, CancellationToken cancellationToken) =>
        ProbeAsync(token => table.AnyAsync(token), entity, missing, cancellationToken);

    /// <summary>Reads the projected columns (Any would only ask whether a row exists); a missing column adds the table's name.</summary>
    private static Task ProbeColumnsAsync<TValue>(IQueryable<TValue> columns, IEntityType entity, List<string> missing, CancellationToken cancellationToken) =>
        ProbeAsync(token => columns.FirstOrDefaultAsync(token), entity, missing, cancellationToken);

    /// <summary>Runs one query; a database error (no such table or column) adds the entity's table to <paramref name="missing"/>.</summary>
    private static async Task ProbeAsync(Func<CancellationToken, Task> query, IEntityType entity, List<string> missing, CancellationToken cancellationToken)
    {
        try
        {
            await query(cancellationToken);
        }
        catch (DbException)
        {
            missing.Add(TableOf(entity));
        }
    }

    private static string TableOf(IEntityType entity) => entity.GetTableName() ?? entity.ClrType.Name;
}
