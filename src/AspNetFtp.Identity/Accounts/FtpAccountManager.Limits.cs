using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Accounts;

/// <content>Limits of groups and accounts (<c>setftplimits</c>, the admin's Limits page) and the quota recount (<c>recountftpusage</c>).</content>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    /// <summary>Changes a group's limits; its accounts get them at their next login.</summary>
    /// <returns>The changed group, or a failure naming the value at fault; nothing is written on a failure.</returns>
    public async Task<FtpAccountResult<FtpUserGroup>> SetGroupLimitsAsync(string name, FtpLimitChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        FtpUserGroup? group = await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Name == name, cancellationToken);
        if (group is null)
        {
            return FtpAccountResult<FtpUserGroup>.Failure($"group '{name}' does not exist", nameof(name));
        }

        if (CheckLimits(changes) is { } refusal)
        {
            return FtpAccountResult<FtpUserGroup>.Failure(refusal.Error, refusal.Field);
        }

        if (changes.QuotaBytes is { } quotaBytes) { group.QuotaBytes = quotaBytes.Value; }
        if (changes.QuotaFiles is { } quotaFiles) { group.QuotaFiles = quotaFiles.Value; }
        if (changes.UploadBytesPerSecond is { } up) { group.UploadBytesPerSecond = up.Value; }
        if (changes.DownloadBytesPerSecond is { } down) { group.DownloadBytesPerSecond = down.Value; }
        if (changes.MaxSessions is { } sessions) { group.MaxSessions = sessions.Value; }
        if (changes.UploadMode is { } mode) { group.UploadMode = mode.Value; }
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<FtpUserGroup>.Success(group);
    }

    /// <summary>Changes an account's own limits (null: the group's value; 0: no limit whatever the group says).</summary>
    /// <returns>The changed account, or a failure naming the value at fault; nothing is written on a failure.</returns>
    public async Task<FtpAccountResult<TAccount>> SetAccountLimitsAsync(string userName, FtpLimitChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        (_, TAccount? account) = await FindAccountAsync(userName, cancellationToken);
        if (account is null)
        {
            return FtpAccountResult<TAccount>.Failure($"user '{userName}' has no FTP account", nameof(userName));
        }

        if (changes.UploadMode is not null)
        {
            return FtpAccountResult<TAccount>.Failure("the upload mode is set per group (--group)", nameof(changes.UploadMode));
        }

        if (CheckLimits(changes) is { } refusal)
        {
            return FtpAccountResult<TAccount>.Failure(refusal.Error, refusal.Field);
        }

        if (changes.QuotaBytes is { } quotaBytes) { account.QuotaBytes = quotaBytes.Value; }
        if (changes.QuotaFiles is { } quotaFiles) { account.QuotaFiles = quotaFiles.Value; }
        if (changes.UploadBytesPerSecond is { } up) { account.UploadBytesPerSecond = up.Value; }
        if (changes.DownloadBytesPerSecond is { } down) { account.DownloadBytesPerSecond = down.Value; }
        if (changes.MaxSessions is { } sessions) { account.MaxSessions = sessions.Value; }
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<TAccount>.Success(account);
    }

    /// <summary>
    /// Counts a user's files on the storage (its storage profile's, else the app's <see cref="IFtpFileSystemFactory"/>, else the local disk) and
    /// makes that the account's quota usage, with the time of the count.
    /// </summary>
    /// <returns>The usage found, or a failure (no account, a home that cannot be resolved).</returns>
    public async Task<FtpAccountResult<FtpQuotaUsage>> RecountUsageAsync(string userName, CancellationToken cancellationToken = default)
    {
        (TUser? user, TAccount? account) = await FindAccountAsync(userName, cancellationToken);
        if (user is null || account is null)
        {
            return FtpAccountResult<FtpQuotaUsage>.Failure($"user '{userName}' has no FTP account", nameof(userName));
        }

        FtpUserGroup group = await db.Set<FtpUserGroup>().AsNoTracking().FirstAsync(g => g.Id == account.GroupId, cancellationToken);
        string root = services?.GetService<IOptions<FtpAccountsOptions>>()?.Value.RootDirectory ?? new FtpAccountsOptions().RootDirectory;
        string name = user.UserName ?? userName;
        if (FtpHomeDirectory.Resolve(account.HomeDirectory, group.HomeDirectory, root, name) is not { } home)
        {
            return FtpAccountResult<FtpQuotaUsage>.Failure($"the home directory of '{userName}' cannot be resolved", nameof(userName));
        }

        var ftpUser = new FtpUser(name, home, FtpPermissions.List) { StorageProfile = account.StorageProfile ?? group.StorageProfile };
        IFtpFileSystemFactory? storage = services?.GetService<IFtpFileSystemFactory>();
        FtpQuotaUsage usage;
        if (ftpUser.StorageProfile is { } profile)
        {
            // The files are where the login puts them: the profile's store, never the home directory.
            if (Profiles is not { } profiles || !profiles.Contains(profile))
            {
                return FtpAccountResult<FtpQuotaUsage>.Failure($"the storage profile '{profile}' of '{userName}' is not configured here", nameof(userName));
            }

            usage = await FtpUsageCounter.CountAsync(profiles.CreateFileSystem(ftpUser, storage ?? new LocalFileSystemFactory()), cancellationToken);
        }
        else
        {
            IFtpFileSystem fileSystem = storage?.Create(ftpUser) ?? new LocalFileSystem(home);
            usage = Directory.Exists(home) || fileSystem is not LocalFileSystem
                ? await FtpUsageCounter.CountAsync(fileSystem, cancellationToken)
                : default;
        }

        await IdentityFtpQuotaStore<TUser, TKey, TAccount, TContext>.SetAsync(db, account.Id, usage, _time.GetUtcNow().UtcDateTime, cancellationToken);
        return FtpAccountResult<FtpQuotaUsage>.Success(usage);
    }

    /// <summary>The names of every user with an FTP account, for <c>recountftpusage --all</c>.</summary>
    public async Task<List<string>> ListAccountUserNamesAsync(CancellationToken cancellationToken = default) =>
        await db.Set<TUser>().AsNoTracking()
            .Join(db.Set<TAccount>(), u => u.Id, a => a.UserId, (u, a) => u.UserName!)
            .OrderBy(n => n)
            .ToListAsync(cancellationToken);

    private static (string Error, string Field)? CheckLimits(FtpLimitChanges changes)
    {
        if (changes.QuotaBytes is { Value: < 0 } qb) { return ($"quota bytes {qb.Value} must be 0 or more", nameof(changes.QuotaBytes)); }
        if (changes.QuotaFiles is { Value: < 0 } qf) { return ($"quota files {qf.Value} must be 0 or more", nameof(changes.QuotaFiles)); }
        if (changes.UploadBytesPerSecond is { Value: < 0 } up) { return ($"upload rate {up.Value} must be 0 or more", nameof(changes.UploadBytesPerSecond)); }
        if (changes.DownloadBytesPerSecond is { Value: < 0 } down) { return ($"download rate {down.Value} must be 0 or more", nameof(changes.DownloadBytesPerSecond)); }
        if (changes.MaxSessions is { Value: < 0 } s) { return ($"max sessions {s.Value} must be 0 or more", nameof(changes.MaxSessions)); }
        if (changes.UploadMode is { Value: { } m } && !Enum.IsDefined(m)) { return ($"upload mode {m} is not Standard, Atomic or AtomicResume", nameof(changes.UploadMode)); }
        return null;
    }
}
