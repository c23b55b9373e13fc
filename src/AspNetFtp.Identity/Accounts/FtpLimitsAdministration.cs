using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Accounts;

/// <summary><see cref="IFtpLimitsAdministration"/> over the account manager of the app's types.</summary>
internal sealed class FtpLimitsAdministration<TUser, TKey, TAccount, TContext>(FtpAccountManager<TUser, TKey, TAccount, TContext> manager)
    : IFtpLimitsAdministration
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    public async Task<FtpLimitsSummary?> FindGroupLimitsAsync(string name, CancellationToken cancellationToken = default) =>
        await manager.FindGroupAsync(name, cancellationToken) is { } group ? Of(group) : null;

    public async Task<FtpLimitsSummary?> FindAccountLimitsAsync(string userName, CancellationToken cancellationToken = default) =>
        await manager.GetAccountAsync(userName, cancellationToken) is { } account ? Of(userName, account) : null;

    public async Task<FtpAccountResult<FtpLimitsSummary>> SetGroupLimitsAsync(string name, FtpLimitChanges changes, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<FtpUserGroup> result = await manager.SetGroupLimitsAsync(name, changes, cancellationToken);
        return result.Succeeded
            ? FtpAccountResult<FtpLimitsSummary>.Success(Of(result.Value!))
            : new FtpAccountResult<FtpLimitsSummary>(false, null, result.Error) { Field = result.Field };
    }

    public async Task<FtpAccountResult<FtpLimitsSummary>> SetAccountLimitsAsync(string userName, FtpLimitChanges changes, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<TAccount> result = await manager.SetAccountLimitsAsync(userName, changes, cancellationToken);
        if (!result.Succeeded)
        {
            return new FtpAccountResult<FtpLimitsSummary>(false, null, result.Error) { Field = result.Field };
        }

        return await FindAccountLimitsAsync(userName, cancellationToken) is { } saved
            ? FtpAccountResult<FtpLimitsSummary>.Success(saved)
            : FtpAccountResult<FtpLimitsSummary>.Failure($"user '{userName}' has no FTP account", nameof(userName));
    }

    public Task<FtpAccountResult<FtpQuotaUsage>> RecountUsageAsync(string userName, CancellationToken cancellationToken = default) =>
        manager.RecountUsageAsync(userName, cancellationToken);

    private static FtpLimitsSummary Of(FtpUserGroup g) =>
        new(g.Name, g.QuotaBytes, g.QuotaFiles, g.UploadBytesPerSecond, g.DownloadBytesPerSecond, g.MaxSessions, g.UploadMode);

    private static FtpLimitsSummary Of(string userName, TAccount a) =>
        new(userName, a.QuotaBytes, a.QuotaFiles, a.UploadBytesPerSecond, a.DownloadBytesPerSecond, a.MaxSessions, null)
        {
            Group = a.Group is { } g ? Of(g) : null,
            Usage = a.UsageCountedUtc is null ? null : new FtpQuotaUsage(a.UsedBytes, a.UsedFiles),
            UsageCountedUtc = a.UsageCountedUtc,
        };
}
