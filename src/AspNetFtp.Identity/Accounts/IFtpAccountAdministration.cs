namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// FTP groups, accounts and app passwords for an administration UI that does not know the application's user and
/// context types (the web admin). Registered (scoped) by <c>AddIdentityAccounts</c> over the account manager; every
/// change validates first and writes once, and a failure names its parameter in <see cref="FtpAccountResult{T}.Field"/>.
/// </summary>
public interface IFtpAccountAdministration
{
    /// <summary>Every group with its number of accounts, ordered by name.</summary>
    Task<IReadOnlyList<FtpGroupSummary>> ListGroupsAsync(CancellationToken cancellationToken = default);

    /// <summary>One group, or null.</summary>
    Task<FtpGroupSummary?> FindGroupAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates a group; see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.CreateGroupAsync(string, string?, string?, bool, CancellationToken)"/>.</summary>
    Task<FtpAccountResult<FtpGroupSummary>> CreateGroupAsync(string name, string? homeDirectory, string permissions, bool requireAppPasswords, CancellationToken cancellationToken = default);

    /// <summary>Changes a group; see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.UpdateGroupAsync"/>.</summary>
    Task<FtpAccountResult<FtpGroupSummary>> UpdateGroupAsync(string name, string? newName, string? homeDirectory, string? permissions, bool? requireAppPasswords, CancellationToken cancellationToken = default);

    /// <summary>Sets whether the group's accounts must use TLS; see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.SetGroupRequireTlsAsync"/>.</summary>
    Task<FtpAccountResult<FtpGroupSummary>> SetGroupRequireTlsAsync(string name, bool requireTls, CancellationToken cancellationToken = default);

    /// <summary>The names of the configured storage profiles (<c>FtpServer:Storage:Profiles</c>), in configuration order.</summary>
    IReadOnlyList<string> StorageProfiles { get; }

    /// <summary>Puts a group on a storage profile, or back on the default storage (null, empty, <see cref="FtpStorageChoice.Default"/>); see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.SetGroupStorageAsync"/>.</summary>
    Task<FtpAccountResult<FtpGroupSummary>> SetGroupStorageAsync(string name, string? storageProfile, CancellationToken cancellationToken = default);

    /// <summary>Deletes a group without accounts; a group that still has some is refused.</summary>
    Task<FtpAccountResult<bool>> DeleteGroupAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every account, ordered by user name.</summary>
    Task<IReadOnlyList<FtpAccountSummary>> ListAccountsAsync(CancellationToken cancellationToken = default);

    /// <summary>A user's account, or null when the user or the account does not exist.</summary>
    Task<FtpAccountSummary?> FindAccountAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Gives an existing Identity user without an FTP account one in an existing group.</summary>
    Task<FtpAccountResult<FtpAccountSummary>> CreateAccountAsync(string userName, string groupName, string? homeDirectory, CancellationToken cancellationToken = default);

    /// <summary>Changes an account's group and home; see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.UpdateAccountAsync"/>.</summary>
    Task<FtpAccountResult<FtpAccountSummary>> UpdateAccountAsync(string userName, string? groupName, string? homeDirectory, CancellationToken cancellationToken = default);

    /// <summary>Gives an account a storage profile over its group's, or clears it (null, empty, <see cref="FtpStorageChoice.Inherit"/>); see <see cref="FtpAccountManager{TUser, TKey, TAccount, TContext}.SetAccountStorageAsync"/>.</summary>
    Task<FtpAccountResult<FtpAccountSummary>> SetAccountStorageAsync(string userName, string? storageProfile, CancellationToken cancellationToken = default);

    /// <summary>Deletes a user's FTP account and its app passwords; the Identity user stays.</summary>
    Task<FtpAccountResult<bool>> DeleteAccountAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>The account's app passwords by name (never the passwords), or a failure when the user has no account.</summary>
    Task<FtpAccountResult<IReadOnlyList<FtpAppPasswordSummary>>> ListAppPasswordsAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Creates an app password and returns it: the only time it can be shown (only its hash is stored).</summary>
    Task<FtpAccountResult<string>> CreateAppPasswordAsync(string userName, string name, CancellationToken cancellationToken = default);

    /// <summary>Revokes an app password by name; logins with it fail from then on.</summary>
    Task<FtpAccountResult<bool>> DeleteAppPasswordAsync(string userName, string name, CancellationToken cancellationToken = default);
}
