using AspNetFtp.Protocol.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Audit;

/// <summary>
/// <see cref="IFtpAuditLog.SummarizeAsync"/> over a context's audit table. The hours are grouped in the database on the
/// UTC year, month, day and hour of <see cref="FtpAuditEntry.TimeUtc"/> (SQLite's <c>strftime</c>, PostgreSQL's
/// <c>date_part</c>, MySQL's <c>EXTRACT</c>, as each provider translates the <see cref="DateTime"/> members), so at
/// most one row per hour of the range comes back (31 days: 744), never the events themselves.
/// </summary>
internal static class FtpAuditSummaryQuery
{
    public const int MaxTop = 100;

    private const string Received = nameof(FileReceived);
    private const string ReceivedIncomplete = nameof(FileReceivedIncomplete);
    private const string Sent = nameof(FileSent);
    private const string SentIncomplete = nameof(FileSentIncomplete);
    private const string Succeeded = nameof(LoginSucceeded);
    private const string Failed = nameof(LoginFailed);

    public static async Task<FtpAuditSummary> RunAsync(DbContext db, DateTimeOffset from, DateTimeOffset to, int top, CancellationToken cancellationToken)
    {
        if (to <= from || to - from > IFtpAuditLog.MaxSummaryRange)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "The range must be non-empty and at most " + IFtpAuditLog.MaxSummaryRange + " long.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        DateTime fromUtc = from.UtcDateTime;
        DateTime toUtc = to.UtcDateTime;
        IQueryable<FtpAuditEntry> inRange = db.Set<FtpAuditEntry>().AsNoTracking().Where(e => e.TimeUtc >= fromUtc && e.TimeUtc < toUtc);

        var hourRows = await inRange
            .Where(e => e.Kind == Received || e.Kind == ReceivedIncomplete || e.Kind == Sent || e.Kind == SentIncomplete
                || e.Kind == Succeeded || e.Kind == Failed)
            .GroupBy(e => new { e.TimeUtc.Year, e.TimeUtc.Month, e.TimeUtc.Day, e.TimeUtc.Hour })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.Month,
                g.Key.Day,
                g.Key.Hour,
                In = g.Sum(e => e.Kind == Received || e.Kind == ReceivedIncomplete ? e.Bytes ?? 0 : 0),
                Out = g.Sum(e => e.Kind == Sent || e.Kind == SentIncomplete ? e.Bytes ?? 0 : 0),
                Succeeded = g.Count(e => e.Kind == Succeeded),
                Failed = g.Count(e => e.Kind == Failed),
            })
            .ToListAsync(cancellationToken);
        Dictionary<DateTime, FtpAuditHour> found = hourRows.ToDictionary(
            h => new DateTime(h.Year, h.Month, h.Day, h.Hour, 0, 0, DateTimeKind.Utc),
            h => new FtpAuditHour(new DateTimeOffset(h.Year, h.Month, h.Day, h.Hour, 0, 0, TimeSpan.Zero), h.In, h.Out, h.Succeeded, h.Failed));
        var hours = new List<FtpAuditHour>();
        for (DateTime hour = new(fromUtc.Year, fromUtc.Month, fromUtc.Day, fromUtc.Hour, 0, 0, DateTimeKind.Utc); hour < toUtc; hour = hour.AddHours(1))
        {
            hours.Add(found.TryGetValue(hour, out FtpAuditHour? row) ? row : new FtpAuditHour(new DateTimeOffset(hour), 0, 0, 0, 0));
        }

        var users = await inRange
            .Where(e => e.UserName != null && (e.Kind == Received || e.Kind == ReceivedIncomplete || e.Kind == Sent || e.Kind == SentIncomplete))
            .GroupBy(e => e.UserName)
            .Select(g => new
            {
                UserName = g.Key!,
                In = g.Sum(e => e.Kind == Received || e.Kind == ReceivedIncomplete ? e.Bytes ?? 0 : 0),
                Out = g.Sum(e => e.Kind == Sent || e.Kind == SentIncomplete ? e.Bytes ?? 0 : 0),
            })
            .OrderByDescending(u => u.In + u.Out).ThenBy(u => u.UserName)
            .Take(top)
            .ToListAsync(cancellationToken);

        var addresses = await inRange
            .Where(e => e.Kind == Failed)
            .GroupBy(e => e.RemoteAddress)
            .Select(g => new { Address = g.Key, Count = g.Count(), Last = g.Max(e => e.TimeUtc) })
            .OrderByDescending(a => a.Count).ThenByDescending(a => a.Last)
            .Take(top)
            .ToListAsync(cancellationToken);
        var failed = new List<FtpAuditFailedAddress>(addresses.Count);
        foreach (var address in addresses)
        {
            // The latest failed login from this address (the (RemoteAddress, TimeUtc) index): one row.
            string? lastUser = await inRange
                .Where(e => e.Kind == Failed && e.RemoteAddress == address.Address)
                .OrderByDescending(e => e.TimeUtc).ThenByDescending(e => e.Id)
                .Select(e => e.UserName)
                .FirstOrDefaultAsync(cancellationToken);
            failed.Add(new FtpAuditFailedAddress(
                address.Address, address.Count, new DateTimeOffset(DateTime.SpecifyKind(address.Last, DateTimeKind.Utc)), lastUser));
        }

        return new FtpAuditSummary(
            from.ToUniversalTime(), to.ToUniversalTime(), hours,
            [.. users.Select(u => new FtpAuditUserBytes(u.UserName, u.In, u.Out))], failed);
    }
}
