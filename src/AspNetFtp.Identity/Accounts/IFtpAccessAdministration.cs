namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// The access settings of FTP groups and accounts for the web admin's Access page: allowed and denied addresses,
/// account expiry, directory rules. Every value is checked when it is saved; a refusal names it and its field.
/// </summary>
public interface IFtpAccessAdministration
{
    /// <summary>The settings of a group (by name) or an account (by user name).</summary>
    Task<FtpAccountResult<FtpAccessSummary>> GetAccessAsync(FtpAccessScope scope, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets both address lists (empty clears one) and, for an account, the expiry (null: never).</summary>
    Task<FtpAccountResult<FtpAccessSummary>> SetAccessRulesAsync(FtpAccessScope scope, string name, string allowedAddresses, string deniedAddresses, DateTime? expiresUtc,
        CancellationToken cancellationToken = default);

    /// <summary>Adds a directory rule, or replaces the letters of the rule of the same path.</summary>
    Task<FtpAccountResult<FtpDirectoryRuleSummary>> SetDirectoryRuleAsync(FtpAccessScope scope, string name, string path, string permissions, CancellationToken cancellationToken = default);

    /// <summary>Removes the directory rule of a path.</summary>
    Task<FtpAccountResult<FtpDirectoryRuleSummary>> RemoveDirectoryRuleAsync(FtpAccessScope scope, string name, string path, CancellationToken cancellationToken = default);
}
