using AspNetFtp.Identity.Entities;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Accounts;

/// <content>The per-group TLS requirement (<c>editftpusergroup --require-tls</c>).</content>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    /// <summary>
    /// Sets whether the group's accounts must use TLS (AUTH TLS before PASS, PROT P for transfers) whatever the
    /// server-wide settings; its accounts get the change at their next login.
    /// </summary>
    /// <param name="name">The group to change.</param>
    /// <param name="requireTls">True: TLS required; false: the server-wide settings apply.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The changed group, or a failure when it does not exist.</returns>
    public async Task<FtpAccountResult<FtpUserGroup>> SetGroupRequireTlsAsync(string name, bool requireTls, CancellationToken cancellationToken = default)
    {
        FtpUserGroup? group = await db.Set<FtpUserGroup>().FirstOrDefaultAsync(g => g.Name == name, cancellationToken);
        if (group is null)
        {
            return FtpAccountResult<FtpUserGroup>.Failure($"group '{name}' does not exist", nameof(name));
        }

        group.RequireTls = requireTls;
        await db.SaveChangesAsync(cancellationToken);
        return FtpAccountResult<FtpUserGroup>.Success(group);
    }
}
