namespace AspNetFtp.Identity.Accounts;

/// <summary>The access settings of a group or an account: address lists, expiry and directory rules.</summary>
/// <param name="Scope">A group or an account.</param>
/// <param name="Name">The group's name or the account's user name.</param>
/// <param name="AllowedAddresses">The canonical allowed list; null: every address (that is not denied).</param>
/// <param name="DeniedAddresses">The canonical denied list; null: none.</param>
/// <param name="ExpiresUtc">When the account stops logging in (accounts only); null: never.</param>
/// <param name="DirectoryRules">The rules by path.</param>
public sealed record FtpAccessSummary(
    FtpAccessScope Scope,
    string Name,
    string? AllowedAddresses,
    string? DeniedAddresses,
    DateTime? ExpiresUtc,
    IReadOnlyList<FtpDirectoryRuleSummary> DirectoryRules);
