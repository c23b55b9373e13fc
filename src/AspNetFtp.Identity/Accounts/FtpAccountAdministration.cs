using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Accounts;

/// <summary><see cref="IFtpAccountAdministration"/> over the application's account manager (its user and context types).</summary>
internal sealed class FtpAccountAdministration<TUser, TKey, TAccount, TContext>(FtpAccountManager<TUser, TKey, TAccount, TContext> manager) : IFtpAccountAdministration
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    public async Task<IReadOnlyList<FtpGroupSummary>> ListGroupsAsync(CancellationToken cancellationToken = default)
    {
        List<FtpUserGroup> groups = await manager.ListGroupsAsync(cancellationToken);
        Dictionary<int, int> members = await manager.CountAccountsByGroupAsync(cancellationToken);
        return [.. groups.Select(g => Summary(g, members.GetValueOrDefault(g.Id)))];
    }

    public async Task<FtpGroupSummary?> FindGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        FtpUserGroup? group = await manager.FindGroupAsync(name, cancellationToken);
        if (group is null)
        {
            return null;
        }

        Dictionary<int, int> members = await manager.CountAccountsByGroupAsync(cancellationToken);
        return Summary(group, members.GetValueOrDefault(group.Id));
    }

    public async Task<FtpAccountResult<FtpGroupSummary>> CreateGroupAsync(string name, string? homeDirectory, string permissions, bool requireAppPasswords, CancellationToken cancellationToken = default) =>
        Map(await manager.CreateGroupAsync(name, homeDirectory, permissions, requireAppPasswords, cancellationToken), g => Summary(g, 0));

    public async Task<FtpAccountResult<FtpGroupSummary>> UpdateGroupAsync(string name, string? newName, string? homeDirectory, string? permissions, bool? requireAppPasswords, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<FtpUserGroup> result = await manager.UpdateGroupAsync(name, newName, homeDirectory, permissions, requireAppPasswords, cancellationToken);
        Dictionary<int, int> members = result.Succeeded ? await manager.CountAccountsByGroupAsync(cancellationToken) : [];
        return Map(result, g => Summary(g, members.GetValueOrDefault(g.Id)));
    }

    public async Task<FtpAccountResult<FtpGroupSummary>> SetGroupRequireTlsAsync(string name, bool requireTls, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<FtpUserGroup> result = await manager.SetGroupRequireTlsAsync(name, requireTls, cancellationToken);
        Dictionary<int, int> members = result.Succeeded ? await manager.CountAccountsByGroupAsync(cancellationToken) : [];
        return Map(result, g => Summary(g, members.GetValueOrDefault(g.Id)));
    }

    public IReadOnlyList<string> StorageProfiles => manager.StorageProfileNames;

    public async Task<FtpAccountResult<FtpGroupSummary>> SetGroupStorageAsync(string name, string? storageProfile, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<FtpUserGroup> result = await manager.SetGroupStorageAsync(name, storageProfile, cancellationToken);
        Dictionary<int, int> members = result.Succeeded ? await manager.CountAccountsByGroupAsync(cancellationToken) : [];
        return Map(result, g => Summary(g, members.GetValueOrDefault(g.Id)));
    }

    public Task<FtpAccountResult<bool>> DeleteGroupAsync(string name, CancellationToken cancellationToken = default) =>
        manager.DeleteGroupAsync(name, cancellationToken);

    public async Task<IReadOnlyList<FtpAccountSummary>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        [.. (await manager.ListAccountsAsync(cancellationToken)).Select(r => Summary(r.UserName, r.Account))];

    public async Task<FtpAccountSummary?> FindAccountAsync(string userName, CancellationToken cancellationToken = default) =>
        await manager.GetAccountAsync(userName, cancellationToken) is { } account ? Summary(userName, account) : null;

    public async Task<FtpAccountResult<FtpAccountSummary>> CreateAccountAsync(string userName, string groupName, string? homeDirectory, CancellationToken cancellationToken = default) =>
        Map(await manager.CreateAccountAsync(userName, groupName, homeDirectory, cancellationToken), a => Summary(userName, a));

    public async Task<FtpAccountResult<FtpAccountSummary>> UpdateAccountAsync(string userName, string? groupName, string? homeDirectory, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<TAccount> result = await manager.UpdateAccountAsync(userName, groupName, homeDirectory, cancellationToken);
        return result.Succeeded && await manager.GetAccountAsync(userName, cancellationToken) is { } account
            ? FtpAccountResult<FtpAccountSummary>.Success(Summary(userName, account))
            : Map(result, a => Summary(userName, a));
    }

    public async Task<FtpAccountResult<FtpAccountSummary>> SetAccountStorageAsync(string userName, string? storageProfile, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<TAccount> result = await manager.SetAccountStorageAsync(userName, storageProfile, cancellationToken);
        return result.Succeeded && await manager.GetAccountAsync(userName, cancellationToken) is { } account
            ? FtpAccountResult<FtpAccountSummary>.Success(Summary(userName, account))
            : Map(result, a => Summary(userName, a));
    }

    public Task<FtpAccountResult<bool>> DeleteAccountAsync(string userName, CancellationToken cancellationToken = default) =>
        manager.DeleteAccountAsync(userName, cancellationToken);

    public async Task<FtpAccountResult<IReadOnlyList<FtpAppPasswordSummary>>> ListAppPasswordsAsync(string userName, CancellationToken cancellationToken = default) =>
        Map<List<FtpAppPassword>, IReadOnlyList<FtpAppPasswordSummary>>(await manager.ListAppPasswordsAsync(userName, cancellationToken),
            rows => [.. rows.Select(p => new FtpAppPasswordSummary(p.Name, p.CreatedUtc, p.LastUsedUtc))]);

    public Task<FtpAccountResult<string>> CreateAppPasswordAsync(string userName, string name, CancellationToken cancellationToken = default) =>
        manager.CreateAppPasswordAsync(userName, name, cancellationToken);

    public Task<FtpAccountResult<bool>> DeleteAppPasswordAsync(string userName, string name, CancellationToken cancellationToken = default) =>
        manager.DeleteAppPasswordAsync(userName, name, cancellationToken);

    private static FtpGroupSummary Summary(FtpUserGroup g, int accounts) =>
        new(g.Name, g.Permissions, g.HomeDirectory, g.RequireAppPasswords, accounts, g.CreatedUtc, g.RequireTls, g.StorageProfile);

    private static FtpAccountSummary Summary(string userName, TAccount a) =>
        new(userName, a.Group?.Name ?? string.Empty, a.HomeDirectory, a.LastLoginUtc, a.AppPasswords.Count, a.CreatedUtc, a.StorageProfile, a.Group?.StorageProfile);

    private static FtpAccountResult<TOut> Map<TIn, TOut>(FtpAccountResult<TIn> result, Func<TIn, TOut> map) =>
        result.Succeeded
            ? FtpAccountResult<TOut>.Success(map(result.Value!))
            : new FtpAccountResult<TOut>(false, default, result.Error) { Field = result.Field };
}
