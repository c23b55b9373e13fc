using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Accounts;

/// <summary><see cref="IFtpAccessAdministration"/> over the application's account manager.</summary>
internal sealed class FtpAccessAdministration<TUser, TKey, TAccount, TContext>(FtpAccountManager<TUser, TKey, TAccount, TContext> manager) : IFtpAccessAdministration
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    public Task<FtpAccountResult<FtpAccessSummary>> GetAccessAsync(FtpAccessScope scope, string name, CancellationToken cancellationToken = default) =>
        manager.GetAccessAsync(scope, name, cancellationToken);

    public Task<FtpAccountResult<FtpAccessSummary>> SetAccessRulesAsync(FtpAccessScope scope, string name, string allowedAddresses, string deniedAddresses, DateTime? expiresUtc,
        CancellationToken cancellationToken = default) =>
        manager.SetAccessRulesAsync(scope, name, allowedAddresses, deniedAddresses, scope == FtpAccessScope.Account, expiresUtc, cancellationToken);

    public async Task<FtpAccountResult<FtpDirectoryRuleSummary>> SetDirectoryRuleAsync(FtpAccessScope scope, string name, string path, string permissions, CancellationToken cancellationToken = default)
    {
        FtpAccountResult<(FtpDirectoryRuleSummary Rule, bool Replaced)> result = await manager.SetDirectoryRuleAsync(scope, name, path, permissions, cancellationToken);
        return result.Succeeded
            ? FtpAccountResult<FtpDirectoryRuleSummary>.Success(result.Value.Rule)
            : FtpAccountResult<FtpDirectoryRuleSummary>.Failure(result.Error!) with { Field = result.Field };
    }

    public Task<FtpAccountResult<FtpDirectoryRuleSummary>> RemoveDirectoryRuleAsync(FtpAccessScope scope, string name, string path, CancellationToken cancellationToken = default) =>
        manager.RemoveDirectoryRuleAsync(scope, name, path, cancellationToken);
}
