using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// The limits of groups and accounts for an administration UI that does not know the application's types (the web
/// admin's Limits page). Registered (scoped) by <c>AddIdentityAccounts</c> over the account manager.
/// </summary>
public interface IFtpLimitsAdministration
{
    /// <summary>A group's limits, or null when there is no such group.</summary>
    Task<FtpLimitsSummary?> FindGroupLimitsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>An account's limits with its group's and its usage, or null when the user has no FTP account.</summary>
    Task<FtpLimitsSummary?> FindAccountLimitsAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Changes a group's limits; see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.SetGroupLimitsAsync"/>.</summary>
    Task<FtpAccountResult<FtpLimitsSummary>> SetGroupLimitsAsync(string name, FtpLimitChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Changes an account's limits; see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.SetAccountLimitsAsync"/>.</summary>
    Task<FtpAccountResult<FtpLimitsSummary>> SetAccountLimitsAsync(string userName, FtpLimitChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Counts an account's usage again from the storage; see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.RecountUsageAsync"/>.</summary>
    Task<FtpAccountResult<FtpQuotaUsage>> RecountUsageAsync(string userName, CancellationToken cancellationToken = default);
}
