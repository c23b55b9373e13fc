using System.Security.Cryptography;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// Manages FTP groups, accounts and app passwords (the CLI verbs and, later, the web admin). Every
/// operation validates first and writes once, so a refused operation leaves nothing half-written.
/// </summary>
/// <param name="users">The application's user manager.</param>
/// <param name="db">The application's context, which applies <c>AddFtpAccounts</c>.</param>
/// <param name="time">The clock for creation times; the system clock when null.</param>
/// <param name="services">The scope's services, where the role methods find the app's <c>RoleManager</c> and configuration; null: no roles.</param>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>(UserManager<TUser> users, TContext db, TimeProvider? time = null, IServiceProvider? services = null)
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Creates an FTP group (<c>createftpusergroup</c>).</summary>
    /// <param name="name">Unique, 1 to <see cref="FtpUserGroup.MaxNameLength"/> characters.</param>
    /// <param name="homeDirectory">Home of the group's accounts, <c>{username}</c> replaced; null for the default root.</param>
    /// <param name="permissions">Permission letters (<c>elradfmwMT</c>); null for <see cref="FtpPermissionLetters.Default"/>.</param>
    /// <param name="requireAppPasswords">True when the group's accounts may log in only with app passwords.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The new group, or a failure naming the problem (bad name or letters, name taken).</returns>
    public Task<FtpAccountResult<FtpUserGroup>> CreateGroupAsync(string name, string? homeDirectory, string? permissions, bool requireAppPasswords = false, CancellationToken cancellationToken = default) =>
        CreateGroupAsync(name, homeDirectory, permissions, requireAppPasswords, null, cancellationToken);

    /// <summary>Creates an FTP group on a storage profile (<c>createftpusergroup --storage</c>).</summary>
    /// <param name="name">Unique, 1 to <see cref="FtpUserGroup.MaxNameLength"/> characters.</param>
    /// <param name="homeDirectory">Home of the group's accounts, <c>{username}</c> replaced; null for the default root.</param>
    /// <param name="permissions">Permission letters (<c>elradfmwMT</c>); null for <see cref="FtpPermissionLetters.Default"/>.</param>
    /// <param name="requireAppPasswords">True when the group's accounts may log in only with app passwords.</param>
    /// <param name="storageProfile">A configured storage profile; null, empty or <see cref="FtpStorageChoice.Default"/>: the default storage.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The new group, or a failure naming the problem (bad name, letters or profile, name taken).</returns>
    public async Task<FtpAccountResult<FtpUserGroup>> CreateGroupAsync(string name, string? homeDirectory, string? permissions, bool requireAppPasswords, string? storageProfile, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > FtpUserGroup.MaxNameLength)
        {
            return FtpAccountResult<FtpUserGroup>.Failure($"group name '{name}' must be 1 to {FtpUserGroup.MaxNameLength} characters", nameof(name));
        }

        permissions ??= FtpPermissionLetters.Default;
        if (!FtpPermissionLetters.TryParse(permissions, out FtpPermissions parsed, out string? error))
        {
            return FtpAccountResult<FtpUserGroup>.Failure($"permission '{permissions}': {error}", nameof(permissions));
        }

        if (await db.Set<FtpUserGroup>().AnyAsync(g => g.Name == name, cancellationToken))
        {
            return FtpAccountResult<FtpUserGroup>.Failure($"group '{name}' already exists", nameof(name));
        }

        if (HomeTooLong(homeDirectory))
        {
            return FtpAccountResult<FtpUserGroup>.Failure(HomeTooLongMessage, nameof(homeDirectory));
        }

        FtpAccountResult<string?> storage = CheckStorageProfile(storageProfile, FtpStorageChoice.Default);
        if (!storage.Succeeded)
        {
            return FtpAccountResult<FtpUserGroup>.Failure(storage.Error!, StorageField);
        }

        var group = new FtpUserGroup
        {
            StorageProfile = storage.Value,
            Name = name,
            HomeDirectory = string.IsNullOrWhiteSpace(homeDirectory) ? null : homeDirectory,
            Permissions = FtpPermissionLetters.ToLetters(parsed),
            RequireAppPasswords = requireAppPasswords,
            CreatedUtc = _time.GetUtcNow().UtcDateTime,
        };
        db.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<FtpUserGroup>.Success(group);
    }

    /// <summary>Gives an existing Identity user an FTP account in a group (<c>createftpuseraccount</c>).</summary>
    /// <param name="userName">The Identity user's name.</param>
    /// <param name="groupName">An existing group.</param>
    /// <param name="homeDirectory">Overrides the group's home, <c>{username}</c> replaced; null to use the group's.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The new account, or a failure (no such user or group, an account already, a name unusable in a path).</returns>
    public Task<FtpAccountResult<TAccount>> CreateAccountAsync(string userName, string groupName, string? homeDirectory, CancellationToken cancellationToken = default) =>
        CreateAccountAsync(userName, groupName, homeDirectory, null, cancellationToken);

    /// <summary>Gives an existing Identity user an FTP account with a storage profile of its own (<c>createftpuseraccount --storage</c>).</summary>
    /// <param name="userName">The Identity user's name.</param>
    /// <param name="groupName">An existing group.</param>
    /// <param name="homeDirectory">Overrides the group's home, <c>{username}</c> replaced; null to use the group's.</param>
    /// <param name="storageProfile">A configured storage profile over the group's; null, empty or <see cref="FtpStorageChoice.Inherit"/>: the group's.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The new account, or a failure (no such user or group, an account already, a name unusable in a path, not a configured profile).</returns>
    public async Task<FtpAccountResult<TAccount>> CreateAccountAsync(string userName, string groupName, string? homeDirectory, string? storageProfile, CancellationToken cancellationToken = default)
    {
        TUser? user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return FtpAccountResult<TAccount>.Failure($"user '{userName}' does not exist", nameof(userName));
        }

        FtpUserGroup? group = await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Name == groupName, cancellationToken);
        if (group is null)
        {
            return FtpAccountResult<TAccount>.Failure($"group '{groupName}' does not exist", nameof(groupName));
        }

        TKey userId = user.Id;
        if (await db.Set<TAccount>().AnyAsync(a => a.UserId.Equals(userId), cancellationToken))
        {
            return FtpAccountResult<TAccount>.Failure($"user '{userName}' already has an FTP account", nameof(userName));
        }

        if (!FtpHomeDirectory.IsSafeName(user.UserName ?? userName))
        {
            return FtpAccountResult<TAccount>.Failure($"user name '{userName}' cannot be used in a home directory path", nameof(userName));
        }

        if (HomeTooLong(homeDirectory))
        {
            return FtpAccountResult<TAccount>.Failure(HomeTooLongMessage, nameof(homeDirectory));
        }

        FtpAccountResult<string?> storage = CheckStorageProfile(storageProfile, FtpStorageChoice.Inherit);
        if (!storage.Succeeded)
        {
            return FtpAccountResult<TAccount>.Failure(storage.Error!, StorageField);
        }

        var account = new TAccount
        {
            StorageProfile = storage.Value,
            UserId = user.Id,
            GroupId = group.Id,
            HomeDirectory = string.IsNullOrWhiteSpace(homeDirectory) ? null : homeDirectory,
            CreatedUtc = _time.GetUtcNow().UtcDateTime,
        };
        db.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        account.Group = group;
        return FtpAccountResult<TAccount>.Success(account);
    }

    /// <summary>Every FTP group, ordered by name (read-only, not tracked).</summary>
    public Task<List<FtpUserGroup>> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        db.Set<FtpUserGroup>().AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);

    /// <summary>How many accounts each group has, by group id (groups without accounts are absent).</summary>
    public Task<Dictionary<int, int>> CountAccountsByGroupAsync(CancellationToken cancellationToken = default) =>
        db.Set<TAccount>().GroupBy(a => a.GroupId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Accounts with their user names, ordered by name.</summary>
    public async Task<List<(string UserName, TAccount Account)>> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<TAccount>().AsNoTracking()
            .Include(a => a.Group)
            .Include(a => a.AppPasswords)
            .Join(db.Set<TUser>(), a => a.UserId, u => u.Id, (a, u) => new { u.UserName, Account = a })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.UserName ?? string.Empty, r.Account)).OrderBy(r => r.Item1, StringComparer.Ordinal)];
    }

    /// <summary>Deletes a group that has no accounts left (<c>deleteftpusergroup</c>).</summary>
    /// <returns>Success, or a failure when the group does not exist or still has accounts.</returns>
    public async Task<FtpAccountResult<bool>> DeleteGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        FtpUserGroup? group = await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Name == name, cancellationToken);
        if (group is null)
        {
            return FtpAccountResult<bool>.Failure($"group '{name}' does not exist");
        }

        int members = await db.Set<TAccount>().CountAsync(a => a.GroupId == group.Id, cancellationToken);
        if (members > 0)
        {
            return FtpAccountResult<bool>.Failure($"group '{name}' still has {members} account(s); delete or move them first");
        }

        db.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<bool>.Success(true);
    }

    /// <summary>Deletes a user's FTP account and its app passwords; the Identity user stays (<c>deleteftpuseraccount</c>).</summary>
    /// <returns>Success, or a failure when the user has no FTP account.</returns>
    public async Task<FtpAccountResult<bool>> DeleteAccountAsync(string userName, CancellationToken cancellationToken = default)
    {
        (TUser? user, TAccount? account) = await FindAccountAsync(userName, cancellationToken);
        if (account is null)
        {
            return FtpAccountResult<bool>.Failure($"user '{userName}' has no FTP account");
        }

        db.Remove(account);
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<bool>.Success(true);
    }

    /// <summary>Creates an Identity user; the password is checked by the app's Identity password rules.</summary>
    public async Task<FtpAccountResult<TUser>> CreateUserAsync(string userName, string? email, string password)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return FtpAccountResult<TUser>.Failure($"user '{userName}' already exists");
        }

        var user = new TUser { UserName = userName, Email = email };
        IdentityResult result = await users.CreateAsync(user, password);
        return result.Succeeded
            ? FtpAccountResult<TUser>.Success(user)
            : FtpAccountResult<TUser>.Failure(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// Creates a named FTP app password and returns it (<see cref="FtpAppPasswordFormat"/>: <c>ftp-{id}-{secret}</c>);
    /// only the secret's hash is stored, so this is the one time it is shown.
    /// </summary>
    public async Task<FtpAccountResult<string>> CreateAppPasswordAsync(string userName, string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > FtpAppPassword.MaxNameLength)
        {
            return FtpAccountResult<string>.Failure($"app password name '{name}' must be 1 to {FtpAppPassword.MaxNameLength} characters", nameof(name));
        }

        (TUser? user, TAccount? account) = await FindAccountAsync(userName, cancellationToken);
        if (account is null)
        {
            return FtpAccountResult<string>.Failure($"user '{userName}' has no FTP account");
        }

        if (await db.Set<FtpAppPassword>().AnyAsync(p => p.AccountId == account.Id && p.Name == name, cancellationToken))
        {
            return FtpAccountResult<string>.Failure($"user '{userName}' already has an app password named '{name}'", nameof(name));
        }

        string secret = GenerateAppPassword();
        var row = new FtpAppPassword
        {
            AccountId = account.Id,
            Name = name,
            PasswordHash = users.PasswordHasher.HashPassword(user!, secret),
            CreatedUtc = _time.GetUtcNow().UtcDateTime,
        };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<string>.Success(FtpAppPasswordFormat.Compose(row.Id, secret));
    }

    /// <summary>Revokes one app password by its name (<c>deleteapppassword</c>); logins with it fail from then on.</summary>
    /// <returns>Success, or a failure when the user has no FTP account or no app password of that name.</returns>
    public async Task<FtpAccountResult<bool>> DeleteAppPasswordAsync(string userName, string name, CancellationToken cancellationToken = default)
    {
        (TUser? user, TAccount? account) = await FindAccountAsync(userName, cancellationToken);
        if (account is null)
        {
            return FtpAccountResult<bool>.Failure($"user '{userName}' has no FTP account");
        }

        FtpAppPassword? password = await db.Set<FtpAppPassword>().FirstOrDefaultAsync(p => p.AccountId == account.Id && p.Name == name, cancellationToken);
        if (password is null)
        {
            return FtpAccountResult<bool>.Failure($"user '{userName}' has no app password named '{name}'");
        }

        db.Remove(password);
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<bool>.Success(true);
    }

    /// <summary>
    /// Puts an existing user in <paramref name="role"/>, creating the role when missing (<c>grantftpadmin</c> with the
    /// web admin's role). Needs Identity with roles (<c>AddRoles</c>).
    /// </summary>
    /// <returns>True when the user was added, false when they already had the role; a failure naming the problem (no such user, no roles).</returns>
    public async Task<FtpAccountResult<bool>> GrantRoleAsync(string userName, string role, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (TUser? user, FtpAccountResult<bool>? refused) = await FindForRoleAsync(userName);
        if (user is null)
        {
            return refused!;
        }

        if (await IdentityRoles.EnsureAsync(services, db.GetType(), role) is { } problem)
        {
            return FtpAccountResult<bool>.Failure(problem);
        }

        if (await users.IsInRoleAsync(user, role))
        {
            return FtpAccountResult<bool>.Success(false);
        }

        IdentityResult added = await users.AddToRoleAsync(user, role);
        return added.Succeeded
            ? FtpAccountResult<bool>.Success(true)
            : FtpAccountResult<bool>.Failure($"user '{userName}' could not be given the role '{role}': {string.Join(" ", added.Errors.Select(e => e.Description))}");
    }

    /// <summary>Takes <paramref name="role"/> from an existing user (<c>revokeftpadmin</c>).</summary>
    /// <returns>True when the user lost the role, false when they did not have it; a failure naming the problem.</returns>
    public async Task<FtpAccountResult<bool>> RevokeRoleAsync(string userName, string role, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (TUser? user, FtpAccountResult<bool>? refused) = await FindForRoleAsync(userName);
        if (user is null)
        {
            return refused!;
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            return FtpAccountResult<bool>.Success(false);
        }

        IdentityResult removed = await users.RemoveFromRoleAsync(user, role);
        return removed.Succeeded
            ? FtpAccountResult<bool>.Success(true)
            : FtpAccountResult<bool>.Failure($"the role '{role}' could not be taken from user '{userName}': {string.Join(" ", removed.Errors.Select(e => e.Description))}");
    }

    /// <summary>The web admin's role as configured (<c>FtpServer:Admin:Role</c>, default <c>Administrator</c>).</summary>
    internal string AdministratorRole => FtpAdministratorRole.NameFrom(services?.GetService(typeof(IConfiguration)) as IConfiguration);

    /// <summary>The user, or the failure when they do not exist or the app's Identity keeps no roles.</summary>
    private async Task<(TUser? User, FtpAccountResult<bool>? Refused)> FindForRoleAsync(string userName)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return (null, FtpAccountResult<bool>.Failure($"user '{userName}' does not exist"));
        }

        return users.SupportsUserRole ? (user, null)
            : (null, FtpAccountResult<bool>.Failure("the application's Identity has no roles: register them with .AddRoles<IdentityRole>() (before AddEntityFrameworkStores)"));
    }

    private async Task<(TUser? User, TAccount? Account)> FindAccountAsync(string userName, CancellationToken cancellationToken)
    {
        TUser? user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return (null, null);
        }

        TKey userId = user.Id;
        return (user, await db.Set<TAccount>().FirstOrDefaultAsync(a => a.UserId.Equals(userId), cancellationToken));
    }

    /// <summary>24 characters from an alphabet without look-alikes, grouped for reading: xxxx-xxxx-xxxx-xxxx-xxxx-xxxx.</summary>
    public static string GenerateAppPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        Span<char> chars = stackalloc char[29];
        int c = 0;
        for (int i = 0; i < 24; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                chars[c++] = '-';
            }

            chars[c++] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars[..c]);
    }
}

/// <summary>The account manager for string-keyed users (<c>IdentityUser</c>) and <see cref="FtpUserAccount"/>.</summary>
/// <param name="users">The application's user manager.</param>
/// <param name="db">The application's context, which applies <c>AddFtpAccounts</c>.</param>
/// <param name="time">The clock for creation times; the system clock when null.</param>
/// <param name="services">The scope's services, where the role methods find the app's <c>RoleManager</c> and configuration; null: no roles.</param>
public sealed class FtpAccountManager<TUser, TContext>(UserManager<TUser> users, TContext db, TimeProvider? time = null, IServiceProvider? services = null)
    : FtpAccountManager<TUser, string, FtpUserAccount, TContext>(users, db, time, services)
    where TUser : IdentityUser, new()
    where TContext : DbContext;
