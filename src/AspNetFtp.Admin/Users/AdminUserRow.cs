namespace AspNetFtp.Admin.Users;

/// <summary>One Identity user as the Users page lists it.</summary>
/// <param name="Id">The user's id, as Identity writes it.</param>
/// <param name="UserName">The user name.</param>
/// <param name="Email">The e-mail address, or null.</param>
/// <param name="FtpGroup">The group of the user's FTP account, or null without one.</param>
/// <param name="LockedUntil">The end of a lockout in force now, or null when the user is not locked out.</param>
/// <param name="IsAdministrator">Whether the user has the administrator role.</param>
internal sealed record AdminUserRow(string Id, string UserName, string? Email, string? FtpGroup, DateTimeOffset? LockedUntil, bool IsAdministrator)
{
    /// <summary>Whether the lockout is the admin's own (until unlocked) rather than one that ends by itself.</summary>
    public bool LockedIndefinitely => LockedUntil >= AdminUsersText.LockedUntilUnlocked;
}
