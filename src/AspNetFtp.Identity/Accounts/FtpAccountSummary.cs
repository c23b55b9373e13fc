namespace AspNetFtp.Identity.Accounts;

/// <summary>An FTP account as <see cref="IFtpAccountAdministration"/> shows it.</summary>
/// <param name="UserName">The Identity user's name.</param>
/// <param name="GroupName">The account's group.</param>
/// <param name="HomeDirectory">The account's own home (<c>{username}</c> not yet replaced), or null when the group's applies.</param>
/// <param name="LastLoginUtc">The last successful FTP login, in UTC; null when never.</param>
/// <param name="AppPasswords">How many app passwords the account has.</param>
/// <param name="CreatedUtc">When it was created, in UTC.</param>
/// <param name="StorageProfile">The account's own storage profile; null when the group's applies.</param>
/// <param name="GroupStorageProfile">The group's storage profile; null: the default storage.</param>
public sealed record FtpAccountSummary(string UserName, string GroupName, string? HomeDirectory, DateTime? LastLoginUtc, int AppPasswords, DateTime CreatedUtc,
    string? StorageProfile = null, string? GroupStorageProfile = null);
