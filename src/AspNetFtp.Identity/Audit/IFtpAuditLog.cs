namespace AspNetFtp.Identity.Audit;

/// <summary>Reads the audit log (the admin's Audit page) and records administrators' changes. Scoped.</summary>
public interface IFtpAuditLog
{
    /// <summary>One page of rows matching <paramref name="query"/>, newest first, with the total count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1 or the page size outside 1 to <see cref="FtpAuditQuery.MaxPageSize"/>.</exception>
    Task<FtpAuditPage> QueryAsync(FtpAuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one row now (not batched), such as an administrator's change with its <see cref="FtpAuditEntry.Actor"/>.
    /// Text is masked and cut to its column as for events; a default <see cref="FtpAuditEntry.TimeUtc"/> becomes now.
    /// </summary>
    Task AddAsync(FtpAuditEntry entry, CancellationToken cancellationToken = default);
}
