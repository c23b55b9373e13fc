namespace AspNetFtp.Identity.Audit;

/// <summary>Reads the audit log (the admin's Audit page) and records administrators' changes. Scoped.</summary>
public interface IFtpAuditLog
{
    /// <summary>The longest range <see cref="SummarizeAsync"/> takes: 31 days (744 hourly buckets).</summary>
    public static readonly TimeSpan MaxSummaryRange = TimeSpan.FromDays(31);

    /// <summary>One page of rows matching <paramref name="query"/>, newest first, with the total count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1 or the page size outside 1 to <see cref="FtpAuditQuery.MaxPageSize"/>.</exception>
    Task<FtpAuditPage> QueryAsync(FtpAuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The dashboard's figures for rows in [<paramref name="from"/>, <paramref name="to"/>): bytes in and out and logins
    /// succeeded and failed per UTC hour, the <paramref name="top"/> users by bytes, and the <paramref name="top"/>
    /// client addresses by failed logins. Each is one grouped query run by the database (a handful of rows come back,
    /// whatever the table holds), plus one indexed single-row query per listed address for its last user name.
    /// </summary>
    /// <param name="from">The range's start (inclusive).</param>
    /// <param name="to">The range's end (exclusive); at most <see cref="MaxSummaryRange"/> after <paramref name="from"/>.</param>
    /// <param name="top">How many users and addresses to list, 1 to 100.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or longer than <see cref="MaxSummaryRange"/>, or <paramref name="top"/> is outside 1 to 100.</exception>
    Task<FtpAuditSummary> SummarizeAsync(DateTimeOffset from, DateTimeOffset to, int top = 10, CancellationToken cancellationToken = default);

    /// <summary>The kinds stored in the log (FTP events and administrators' changes), in ordinal order; at most 200.</summary>
    Task<IReadOnlyList<string>> KindsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one row now (not batched), such as an administrator's change with its <see cref="FtpAuditEntry.Actor"/>.
    /// Text is masked and cut to its column as for events; a default <see cref="FtpAuditEntry.TimeUtc"/> becomes now.
    /// </summary>
    Task AddAsync(FtpAuditEntry entry, CancellationToken cancellationToken = default);
}
