namespace AspNetFtp.Identity.Audit;

/// <summary>One page of the audit log, newest first.</summary>
/// <param name="Entries">The page's rows.</param>
/// <param name="TotalCount">Rows matching the filters over all pages.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Rows per page.</param>
public sealed record FtpAuditPage(IReadOnlyList<FtpAuditEntry> Entries, long TotalCount, int Page, int PageSize)
{
    /// <summary>Pages in all (at least 1).</summary>
    public int PageCount => (int)Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}
