using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Storage.Profiles;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Accounts;

/// <content>
/// The storage profile of a group and of an account (<c>--storage</c>, the admin's Storage select): the name of a
/// profile of <c>FtpServer:Storage:Profiles</c>, checked against the configured ones.
/// </content>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    /// <summary>
    /// The configured storage profiles (the server's <see cref="FtpStorageProfiles"/>), or null when the app registered
    /// none (a manager used without the FTP server): then any well-formed name is accepted.
    /// </summary>
    private FtpStorageProfiles? Profiles => services?.GetService(typeof(FtpStorageProfiles)) as FtpStorageProfiles;

    /// <summary>The names of the configured storage profiles, in configuration order; empty when there are none.</summary>
    public IReadOnlyList<string> StorageProfileNames => Profiles is { } profiles ? [.. profiles.Names] : [];

    /// <summary>
    /// Checks a storage profile as typed: null, empty or <paramref name="clearWord"/> (<see cref="FtpStorageChoice.Default"/>
    /// for a group, <see cref="FtpStorageChoice.Inherit"/> for an account) clears it (a success with null); a configured
    /// profile gives its name as configured; anything else is a failure naming the value and the configured profiles.
    /// When no profiles are registered, a well-formed name (<see cref="FtpStorageProfiles.IsValidName"/>) is accepted.
    /// </summary>
    /// <param name="value">The profile name or the clearing word.</param>
    /// <param name="clearWord">The word that clears it here.</param>
    /// <returns>The name to store (null: cleared), or the failure, its field <c>storageProfile</c>.</returns>
    public FtpAccountResult<string?> CheckStorageProfile(string? value, string clearWord)
    {
        ArgumentNullException.ThrowIfNull(clearWord);
        if (string.IsNullOrWhiteSpace(value) || FtpStorageChoice.Is(value, clearWord))
        {
            return FtpAccountResult<string?>.Success(null);
        }

        string name = value.Trim();
        FtpStorageProfiles? profiles = Profiles;
        if (profiles is null)
        {
            return FtpStorageProfiles.IsValidName(name)
                ? FtpAccountResult<string?>.Success(name)
                : FtpAccountResult<string?>.Failure(
                    $"storage profile '{value}' is not a profile name (1 to 64 letters, digits, '.', '_' or '-'), nor '{clearWord}'", StorageField);
        }

        if (profiles.Contains(name))
        {
            return FtpAccountResult<string?>.Success(profiles.Names.First(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));
        }

        string known = profiles.Names.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", profiles.Names);
        return FtpAccountResult<string?>.Failure(
            $"storage profile '{value}' is not a configured profile ({known}; FtpServer:Storage:Profiles); '{clearWord}' clears it", StorageField);
    }

    /// <summary>
    /// Puts a group's accounts on a storage profile (<c>--storage</c> of <c>createftpusergroup</c> and
    /// <c>editftpusergroup</c>); null, empty or <see cref="FtpStorageChoice.Default"/> moves them back to the default
    /// storage. Accounts with a profile of their own keep it. Takes effect at the next login; open sessions end at the
    /// server's next account recheck.
    /// </summary>
    /// <param name="name">The group to change.</param>
    /// <param name="storageProfile">A configured profile, or the clearing word.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The changed group, or a failure (no such group, not a configured profile); nothing is written on a failure.</returns>
    public async Task<FtpAccountResult<FtpUserGroup>> SetGroupStorageAsync(string name, string? storageProfile, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<string?> checkedProfile = CheckStorageProfile(storageProfile, FtpStorageChoice.Default);
        if (!checkedProfile.Succeeded)
        {
            return FtpAccountResult<FtpUserGroup>.Failure(checkedProfile.Error!, StorageField);
        }

        FtpUserGroup? group = await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Name == name, cancellationToken);
        if (group is null)
        {
            return FtpAccountResult<FtpUserGroup>.Failure($"group '{name}' does not exist", nameof(name));
        }

        group.StorageProfile = checkedProfile.Value;
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<FtpUserGroup>.Success(group);
    }

    /// <summary>
    /// Gives an account a storage profile of its own over its group's (<c>--storage</c> of <c>createftpuseraccount</c> and
    /// <c>editftpuseraccount</c>); null, empty or <see cref="FtpStorageChoice.Inherit"/> clears it (the group's applies).
    /// </summary>
    /// <param name="userName">The Identity user whose account changes.</param>
    /// <param name="storageProfile">A configured profile, or the clearing word.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The changed account with its group, or a failure; nothing is written on a failure.</returns>
    public async Task<FtpAccountResult<TAccount>> SetAccountStorageAsync(string userName, string? storageProfile, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<string?> checkedProfile = CheckStorageProfile(storageProfile, FtpStorageChoice.Inherit);
        if (!checkedProfile.Succeeded)
        {
            return FtpAccountResult<TAccount>.Failure(checkedProfile.Error!, StorageField);
        }

        (_, TAccount? account) = await FindAccountAsync(userName, cancellationToken);
        if (account is null)
        {
            return FtpAccountResult<TAccount>.Failure($"user '{userName}' has no FTP account", nameof(userName));
        }

        account.StorageProfile = checkedProfile.Value;
        await db.SaveChangesAsync(cancellationToken);
        int groupId = account.GroupId;
        account.Group ??= await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        return FtpAccountResult<TAccount>.Success(account);
    }

    /// <summary>The parameter a refused storage profile names, for a form's field.</summary>
    private const string StorageField = "storageProfile";
}
