namespace AspNetFtp.Identity.Audit;

/// <summary>
/// The one way an administrator's change becomes an audit row, for the web admin's pages and the CLI verbs alike:
/// <see cref="RecordAsync"/> writes it now through <see cref="IFtpAuditLog.AddAsync"/> (masked and cut to the columns).
/// The kinds are in <see cref="AdminAuditKinds"/>.
/// </summary>
public static class AdminAudit
{
    /// <summary>
    /// The <see cref="FtpAuditEntry.Actor"/> of a change made with a CLI verb: the operating-system user running it,
    /// then <c>(cli)</c>, such as <c>root (cli)</c>.
    /// </summary>
    public static string CliActor => Environment.UserName + " (cli)";

    /// <summary>Writes one row for an administrator's change now (not batched).</summary>
    /// <param name="log">The audit log of the scope.</param>
    /// <param name="kind">What was done, one of <see cref="AdminAuditKinds"/>.</param>
    /// <param name="subject">The user whose account or login changed (<see cref="FtpAuditEntry.UserName"/>); null for a group, named in <paramref name="detail"/>.</param>
    /// <param name="actor">Who did it: the administrator's user name, or <see cref="CliActor"/>.</param>
    /// <param name="detail">What changed, in words; never a password.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="remoteAddress">The client address concerned, when there is one (a disconnected session).</param>
    public static Task RecordAsync(this IFtpAuditLog log, string kind, string? subject, string? actor, string? detail, CancellationToken cancellationToken, string? remoteAddress = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.AddAsync(new FtpAuditEntry
        {
            Kind = kind,
            UserName = subject,
            Actor = actor,
            RemoteAddress = remoteAddress,
            Detail = detail,
        }, cancellationToken);
    }
}
