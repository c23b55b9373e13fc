namespace AspNetFtp.Identity.Accounts;

/// <summary>An FTP group as <see cref="IFtpAccountAdministration"/> shows it.</summary>
/// <param name="Name">The unique name.</param>
/// <param name="Permissions">The permission letters, in canonical order (<c>elradfmwMT</c>).</param>
/// <param name="HomeDirectory">The group's home (<c>{username}</c> not yet replaced), or null for the default root.</param>
/// <param name="RequireAppPasswords">True when its accounts log in with app passwords only.</param>
/// <param name="Accounts">How many accounts are in the group.</param>
/// <param name="CreatedUtc">When it was created, in UTC.</param>
/// <param name="RequireTls">True when its accounts must use TLS whatever the server's settings.</param>
/// <param name="StorageProfile">The storage profile holding its accounts' files; null: the default storage.</param>
public sealed record FtpGroupSummary(string Name, string Permissions, string? HomeDirectory, bool RequireAppPasswords, int Accounts, DateTime CreatedUtc, bool RequireTls = false, string? StorageProfile = null);
