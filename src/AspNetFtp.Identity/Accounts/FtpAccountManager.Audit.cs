using AspNetFtp.Identity.Audit;

namespace AspNetFtp.Identity.Accounts;

/// <content>The audit rows the manager writes itself: the CLI's changes (<see cref="RecordChangeAsync"/>) and the bans' events.</content>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    /// <summary>
    /// Writes an administrator's change to the audit log through <see cref="AdminAudit"/>, as the CLI verbs do after
    /// each change they made (<paramref name="actor"/> <see cref="AdminAudit.CliActor"/>). The web admin's pages write
    /// their own rows, with the administrator as actor.
    /// </summary>
    /// <param name="kind">One of <see cref="AdminAuditKinds"/>.</param>
    /// <param name="subject">The user whose account changed; null for a group, named in <paramref name="detail"/>.</param>
    /// <param name="actor">Who made the change.</param>
    /// <param name="detail">What changed; never a password.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task RecordChangeAsync(string kind, string? subject, string actor, string detail, CancellationToken cancellationToken = default) =>
        AuditLog.RecordAsync(kind, subject, actor, detail, cancellationToken);

    private FtpAuditLog<TContext> AuditLog => new(db, _time);

    private Task AuditAsync(FtpAuditEntry entry, CancellationToken cancellationToken) => AuditLog.AddAsync(entry, cancellationToken);
}
