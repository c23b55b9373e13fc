namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// Which Identity users have an FTP account, and in which group: what the admin's Users page shows beside each user.
/// Not generic, so the admin (generic over the user type only) can read it; registered by <c>AddIdentityAccounts</c>. Scoped.
/// </summary>
internal interface IFtpAccountsOfUsers
{
    /// <summary>The group name of each of <paramref name="userIds"/> that has an FTP account, by user id (as Identity writes it).</summary>
    Task<IReadOnlyDictionary<string, string>> GroupNamesAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default);
}
