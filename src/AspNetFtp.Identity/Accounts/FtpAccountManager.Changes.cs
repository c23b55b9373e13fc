using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Security;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Accounts;

/// <content>Reading one group or account, and changing them (the admin's edit forms and the <c>edit…</c> verbs).</content>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    private static readonly string HomeTooLongMessage = $"the home directory must be at most {FtpHomeDirectory.MaxLength} characters";

    /// <summary>One group by name (read-only, not tracked), or null.</summary>
    public Task<FtpUserGroup?> FindGroupAsync(string name, CancellationToken cancellationToken = default) =>
        db.Set<FtpUserGroup>().AsNoTracking().FirstOrDefaultAsync(g => g.Name == name, cancellationToken);

    /// <summary>A user's FTP account with its group and app passwords (read-only, not tracked), or null when the user has none.</summary>
    public async Task<TAccount?> GetAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        TUser? user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return null;
        }

        TKey userId = user.Id;
        return await db.Set<TAccount>().AsNoTracking()
            .Include(a => a.Group)
            .Include(a => a.AppPasswords)
            .FirstOrDefaultAsync(a => a.UserId.Equals(userId), cancellationToken);
    }

    /// <summary>The app passwords of a user's account, by name (their hashes included: never show them).</summary>
    /// <returns>The passwords, or a failure when the user has no FTP account.</returns>
    public async Task<FtpAccountResult<List<FtpAppPassword>>> ListAppPasswordsAsync(string userName, CancellationToken cancellationToken = default)
    {
        TAccount? account = await GetAccountAsync(userName, cancellationToken);
        return account is null
            ? FtpAccountResult<List<FtpAppPassword>>.Failure($"user '{userName}' has no FTP account", nameof(userName))
            : FtpAccountResult<List<FtpAppPassword>>.Success([.. account.AppPasswords.OrderBy(p => p.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Changes a group (<c>editftpusergroup</c>). A null argument leaves its value as it is; an empty
    /// <paramref name="homeDirectory"/> removes the group's home (its accounts then use the default root). The group's
    /// accounts get the new permissions and home at their next login.
    /// </summary>
    /// <param name="name">The group to change.</param>
    /// <param name="newName">A new unique name, 1 to <see cref="FtpUserGroup.MaxNameLength"/> characters; null keeps the name.</param>
    /// <param name="homeDirectory">The new home (<c>{username}</c> replaced); empty removes it; null keeps it.</param>
    /// <param name="permissions">The new permission letters (<c>elradfmwMT</c>, may be empty); null keeps them.</param>
    /// <param name="requireAppPasswords">The new app-passwords-only rule; null keeps it.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The changed group, or a failure naming the problem and its parameter; nothing is written on a failure.</returns>
    public async Task<FtpAccountResult<FtpUserGroup>> UpdateGroupAsync(string name, string? newName, string? homeDirectory, string? permissions, bool? requireAppPasswords, CancellationToken cancellationToken = default)
    {
        FtpUserGroup? group = await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Name == name, cancellationToken);
        if (group is null)
        {
            return FtpAccountResult<FtpUserGroup>.Failure($"group '{name}' does not exist", nameof(name));
        }

        if (newName is not null && !string.Equals(newName, group.Name, StringComparison.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(newName) || newName.Length > FtpUserGroup.MaxNameLength)
            {
                return FtpAccountResult<FtpUserGroup>.Failure($"group name '{newName}' must be 1 to {FtpUserGroup.MaxNameLength} characters", nameof(newName));
            }

            int id = group.Id;
            if (await db.Set<FtpUserGroup>().AnyAsync(g => g.Name == newName && g.Id != id, cancellationToken))
            {
                return FtpAccountResult<FtpUserGroup>.Failure($"group '{newName}' already exists", nameof(newName));
            }
        }

        FtpPermissions parsed = FtpPermissions.None;
        if (permissions is not null && !FtpPermissionLetters.TryParse(permissions, out parsed, out string? error))
        {
            return FtpAccountResult<FtpUserGroup>.Failure($"permission '{permissions}': {error}", nameof(permissions));
        }

        if (HomeTooLong(homeDirectory))
        {
            return FtpAccountResult<FtpUserGroup>.Failure(HomeTooLongMessage, nameof(homeDirectory));
        }

        group.Name = newName ?? group.Name;
        if (homeDirectory is not null)
        {
            group.HomeDirectory = string.IsNullOrWhiteSpace(homeDirectory) ? null : homeDirectory;
        }

        if (permissions is not null)
        {
            group.Permissions = FtpPermissionLetters.ToLetters(parsed);
        }

        group.RequireAppPasswords = requireAppPasswords ?? group.RequireAppPasswords;
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<FtpUserGroup>.Success(group);
    }

    /// <summary>
    /// Moves an account to another group and/or changes its home (<c>editftpuseraccount</c>). A null argument leaves its
    /// value as it is; an empty <paramref name="homeDirectory"/> removes the account's own home (the group's applies).
    /// The account gets the new group's permissions and the new home at its next login.
    /// </summary>
    /// <param name="userName">The Identity user whose account changes.</param>
    /// <param name="groupName">An existing group; null keeps the group.</param>
    /// <param name="homeDirectory">The account's own home (<c>{username}</c> replaced); empty removes it; null keeps it.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The changed account with its group, or a failure naming the problem and its parameter; nothing is written on a failure.</returns>
    public async Task<FtpAccountResult<TAccount>> UpdateAccountAsync(string userName, string? groupName, string? homeDirectory, CancellationToken cancellationToken = default)
    {
        (_, TAccount? account) = await FindAccountAsync(userName, cancellationToken);
        if (account is null)
        {
            return FtpAccountResult<TAccount>.Failure($"user '{userName}' has no FTP account", nameof(userName));
        }

        int groupId = account.GroupId;
        FtpUserGroup? group = groupName is null
            ? await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken)
            : await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Name == groupName, cancellationToken);
        if (group is null)
        {
            return FtpAccountResult<TAccount>.Failure($"group '{groupName}' does not exist", nameof(groupName));
        }

        if (HomeTooLong(homeDirectory))
        {
            return FtpAccountResult<TAccount>.Failure(HomeTooLongMessage, nameof(homeDirectory));
        }

        account.GroupId = group.Id;
        if (homeDirectory is not null)
        {
            account.HomeDirectory = string.IsNullOrWhiteSpace(homeDirectory) ? null : homeDirectory;
        }

        await db.SaveChangesAsync(cancellationToken);
        account.Group = group;
        return FtpAccountResult<TAccount>.Success(account);
    }

    private static bool HomeTooLong(string? homeDirectory) => homeDirectory is { Length: > FtpHomeDirectory.MaxLength };
}
