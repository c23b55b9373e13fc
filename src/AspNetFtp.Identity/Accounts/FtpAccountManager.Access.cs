using AspNetFtp.Identity.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AspNetFtp.Identity.Accounts;

/// <content>
/// Access settings of groups and accounts (the admin's Access page and the <c>setftpaccessrules</c>,
/// <c>…ftpdirectoryrule</c> verbs): allowed and denied addresses, account expiry, directory rules. Every value is
/// checked here, when it is saved, so a login never meets a bad one.
/// </content>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    /// <summary>The access settings of a group or an account, or a failure when it does not exist.</summary>
    public async Task<FtpAccountResult<FtpAccessSummary>> GetAccessAsync(FtpAccessScope scope, string name, CancellationToken cancellationToken = default)
    {
        (FtpUserGroup? group, TAccount? account, string? missing) = await FindAccessTargetAsync(scope, name, cancellationToken);
        return missing is not null
            ? FtpAccountResult<FtpAccessSummary>.Failure(missing, nameof(name))
            : FtpAccountResult<FtpAccessSummary>.Success(await SummarizeAccessAsync(scope, name, group, account, cancellationToken));
    }

    /// <summary>
    /// Changes the address lists (and, for an account, the expiry). A null list or <paramref name="expiresUtc"/> with
    /// <paramref name="setExpiry"/> false leaves the value as it is; an empty list clears it.
    /// </summary>
    /// <param name="scope">A group or an account.</param>
    /// <param name="name">The group's name or the user name.</param>
    /// <param name="allowedAddresses">Addresses and CIDR networks separated by commas or spaces; empty: every address; null: unchanged.</param>
    /// <param name="deniedAddresses">The same for the denied list.</param>
    /// <param name="setExpiry">True to set <paramref name="expiresUtc"/> (accounts only).</param>
    /// <param name="expiresUtc">The new expiry in UTC; null: never.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The new settings, or a failure naming the bad value and its parameter; nothing is written on a failure.</returns>
    public async Task<FtpAccountResult<FtpAccessSummary>> SetAccessRulesAsync(FtpAccessScope scope, string name, string? allowedAddresses, string? deniedAddresses,
        bool setExpiry, DateTime? expiresUtc, CancellationToken cancellationToken = default)
    {
        if (!FtpAddressRules.TryParse(allowedAddresses, out FtpAddressRules? allowed, out string? error))
        {
            return FtpAccountResult<FtpAccessSummary>.Failure("allowed addresses: " + error, nameof(allowedAddresses));
        }

        if (!FtpAddressRules.TryParse(deniedAddresses, out FtpAddressRules? denied, out error))
        {
            return FtpAccountResult<FtpAccessSummary>.Failure("denied addresses: " + error, nameof(deniedAddresses));
        }

        if (setExpiry && scope == FtpAccessScope.Group)
        {
            return FtpAccountResult<FtpAccessSummary>.Failure("an expiry date belongs to an account, not to a group", nameof(expiresUtc));
        }

        (FtpUserGroup? group, TAccount? account, string? missing) = await FindAccessTargetAsync(scope, name, cancellationToken, tracked: true);
        if (missing is not null)
        {
            return FtpAccountResult<FtpAccessSummary>.Failure(missing, nameof(name));
        }

        if (group is not null)
        {
            group.AllowedAddresses = allowedAddresses is null ? group.AllowedAddresses : allowed.CanonicalText;
            group.DeniedAddresses = deniedAddresses is null ? group.DeniedAddresses : denied.CanonicalText;
        }
        else
        {
            account!.AllowedAddresses = allowedAddresses is null ? account.AllowedAddresses : allowed.CanonicalText;
            account.DeniedAddresses = deniedAddresses is null ? account.DeniedAddresses : denied.CanonicalText;
            if (setExpiry)
            {
                account.ExpiresUtc = expiresUtc is { } e ? DateTime.SpecifyKind(e, DateTimeKind.Utc) : null;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<FtpAccessSummary>.Success(await SummarizeAccessAsync(scope, name, group, account, cancellationToken));
    }

    /// <summary>Adds a directory rule, or replaces the letters of the rule of the same path.</summary>
    /// <returns>The normalized rule and whether it replaced one, or a failure naming the bad path or letter.</returns>
    public async Task<FtpAccountResult<(FtpDirectoryRuleSummary Rule, bool Replaced)>> SetDirectoryRuleAsync(FtpAccessScope scope, string name, string path, string permissions,
        CancellationToken cancellationToken = default)
    {
        if (!FtpDirectoryRuleInput.TryNormalizePath(path, out string? canonicalPath, out string? error))
        {
            return FtpAccountResult<(FtpDirectoryRuleSummary, bool)>.Failure(error, nameof(path));
        }

        if (!FtpDirectoryRuleInput.TryNormalizeLetters(permissions, out string? letters, out error))
        {
            return FtpAccountResult<(FtpDirectoryRuleSummary, bool)>.Failure(error, nameof(permissions));
        }

        (FtpUserGroup? group, TAccount? account, string? missing) = await FindAccessTargetAsync(scope, name, cancellationToken);
        if (missing is not null)
        {
            return FtpAccountResult<(FtpDirectoryRuleSummary, bool)>.Failure(missing, nameof(name));
        }

        int? groupId = group?.Id;
        int? accountId = account?.Id;
        // A replaced rule becomes a new row rather than changing in place: its new key changes the accounts' credential
        // version, so a cached login does not keep the old letters. One transaction: never neither rule.
        bool replaced = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Loaded and removed rather than ExecuteDelete: the MySQL provider's bulk delete is not MariaDB's syntax.
            List<FtpDirectoryRule> old = await db.Set<FtpDirectoryRule>()
                .Where(r => r.GroupId == groupId && r.AccountId == accountId && r.Path == canonicalPath)
                .ToListAsync(cancellationToken);
            db.RemoveRange(old);
            await db.SaveChangesAsync(cancellationToken);
            int removed = old.Count;
            db.Add(new FtpDirectoryRule { GroupId = groupId, AccountId = accountId, Path = canonicalPath, Permissions = letters });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return removed > 0;
        });
        return FtpAccountResult<(FtpDirectoryRuleSummary, bool)>.Success((new FtpDirectoryRuleSummary(canonicalPath, letters), replaced));
    }

    /// <summary>Removes the directory rule of a path; a failure when there is none.</summary>
    public async Task<FtpAccountResult<FtpDirectoryRuleSummary>> RemoveDirectoryRuleAsync(FtpAccessScope scope, string name, string path, CancellationToken cancellationToken = default)
    {
        if (!FtpDirectoryRuleInput.TryNormalizePath(path, out string? canonicalPath, out string? error))
        {
            return FtpAccountResult<FtpDirectoryRuleSummary>.Failure(error, nameof(path));
        }

        (FtpUserGroup? group, TAccount? account, string? missing) = await FindAccessTargetAsync(scope, name, cancellationToken);
        if (missing is not null)
        {
            return FtpAccountResult<FtpDirectoryRuleSummary>.Failure(missing, nameof(name));
        }

        int? groupId = group?.Id;
        int? accountId = account?.Id;
        FtpDirectoryRule? rule = await db.Set<FtpDirectoryRule>()
            .FirstOrDefaultAsync(r => r.GroupId == groupId && r.AccountId == accountId && r.Path == canonicalPath, cancellationToken);
        if (rule is null)
        {
            return FtpAccountResult<FtpDirectoryRuleSummary>.Failure($"{Describe(scope, name)} has no directory rule for '{canonicalPath}'", nameof(path));
        }

        db.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<FtpDirectoryRuleSummary>.Success(new FtpDirectoryRuleSummary(rule.Path, rule.Permissions));
    }

    private static string Describe(FtpAccessScope scope, string name) =>
        scope == FtpAccessScope.Group ? $"group '{name}'" : $"the FTP account of '{name}'";

    private async Task<(FtpUserGroup? Group, TAccount? Account, string? Missing)> FindAccessTargetAsync(FtpAccessScope scope, string name, CancellationToken cancellationToken, bool tracked = false)
    {
        if (scope == FtpAccessScope.Group)
        {
            IQueryable<FtpUserGroup> groups = tracked ? db.Set<FtpUserGroup>() : db.Set<FtpUserGroup>().AsNoTracking();
            FtpUserGroup? group = await groups.FirstOrDefaultAsync(g => g.Name == name, cancellationToken);
            return group is null ? (null, null, $"group '{name}' does not exist") : (group, null, null);
        }

        TUser? user = await users.FindByNameAsync(name);
        if (user is null)
        {
            return (null, null, $"user '{name}' does not exist");
        }

        TKey userId = user.Id;
        IQueryable<TAccount> accounts = tracked ? db.Set<TAccount>() : db.Set<TAccount>().AsNoTracking();
        TAccount? account = await accounts.FirstOrDefaultAsync(a => a.UserId.Equals(userId), cancellationToken);
        return account is null ? (null, null, $"user '{name}' has no FTP account") : (null, account, null);
    }

    private async Task<FtpAccessSummary> SummarizeAccessAsync(FtpAccessScope scope, string name, FtpUserGroup? group, TAccount? account, CancellationToken cancellationToken)
    {
        int? groupId = group?.Id;
        int? accountId = account?.Id;
        List<FtpDirectoryRule> rules = await db.Set<FtpDirectoryRule>().AsNoTracking()
            .Where(r => r.GroupId == groupId && r.AccountId == accountId)
            .ToListAsync(cancellationToken);
        FtpDirectoryRuleSummary[] summaries = [.. rules.OrderBy(r => r.Path, StringComparer.Ordinal).Select(r => new FtpDirectoryRuleSummary(r.Path, r.Permissions))];
        return group is not null
            ? new FtpAccessSummary(scope, name, group.AllowedAddresses, group.DeniedAddresses, null, summaries)
            : new FtpAccessSummary(scope, name, account!.AllowedAddresses, account.DeniedAddresses,
                account.ExpiresUtc is { } e ? DateTime.SpecifyKind(e, DateTimeKind.Utc) : null, summaries);
    }
}
