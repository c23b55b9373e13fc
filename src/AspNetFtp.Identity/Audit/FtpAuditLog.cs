using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Audit;

/// <summary>The audit log over <typeparamref name="TContext"/>'s <c>FtpAuditEntries</c> table.</summary>
/// <typeparam name="TContext">The application's context, which applies <c>AddFtpAccounts</c> (or <c>AddFtpAuditLog</c>).</typeparam>
/// <param name="db">The scope's context.</param>
/// <param name="time">The clock for rows added without a time; the system clock when null.</param>
public sealed class FtpAuditLog<TContext>(TContext db, TimeProvider? time = null) : IFtpAuditLog
    where TContext : DbContext
{
    /// <inheritdoc/>
    public async Task<FtpAuditPage> QueryAsync(FtpAuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, FtpAuditQuery.MaxPageSize, nameof(query));

        IQueryable<FtpAuditEntry> rows = db.Set<FtpAuditEntry>().AsNoTracking();
        if (query.UserName is { } user)
        {
            rows = rows.Where(e => e.UserName == user);
        }

        if (query.Kind is { } kind)
        {
            rows = rows.Where(e => e.Kind == kind);
        }

        if (query.RemoteAddress is { } address)
        {
            rows = rows.Where(e => e.RemoteAddress == address);
        }

        if (query.From is { } from)
        {
            DateTime fromUtc = from.UtcDateTime;
            rows = rows.Where(e => e.TimeUtc >= fromUtc);
        }

        if (query.To is { } to)
        {
            DateTime toUtc = to.UtcDateTime;
            rows = rows.Where(e => e.TimeUtc < toUtc);
        }

        long total = await rows.LongCountAsync(cancellationToken);
        List<FtpAuditEntry> page = await rows.OrderByDescending(e => e.TimeUtc).ThenByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new FtpAuditPage(page, total, query.Page, query.PageSize);
    }

    /// <inheritdoc/>
    public Task<FtpAuditSummary> SummarizeAsync(DateTimeOffset from, DateTimeOffset to, int top = 10, CancellationToken cancellationToken = default) =>
        FtpAuditSummaryQuery.RunAsync(db, from, to, top, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> KindsAsync(CancellationToken cancellationToken = default) =>
        // The database's collation picks the 200; the order returned is ordinal whatever that collation is.
        [.. (await db.Set<FtpAuditEntry>().AsNoTracking().Select(e => e.Kind).Distinct().OrderBy(k => k).Take(200).ToListAsync(cancellationToken))
            .Order(StringComparer.Ordinal)];

    /// <inheritdoc/>
    public async Task AddAsync(FtpAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.TimeUtc = entry.TimeUtc == default ? (time ?? TimeProvider.System).GetUtcNow().UtcDateTime
            : entry.TimeUtc.Kind == DateTimeKind.Local ? entry.TimeUtc.ToUniversalTime() : DateTime.SpecifyKind(entry.TimeUtc, DateTimeKind.Utc);
        entry.Kind = AuditText.Clean(entry.Kind, FtpAuditEntry.MaxKindLength)!;
        entry.UserName = AuditText.Clean(entry.UserName, FtpAuditEntry.MaxNameLength);
        entry.RemoteAddress = AuditText.Clean(entry.RemoteAddress, FtpAuditEntry.MaxAddressLength);
        entry.Path = AuditText.Clean(entry.Path, FtpAuditEntry.MaxTextLength);
        entry.TargetPath = AuditText.Clean(entry.TargetPath, FtpAuditEntry.MaxTextLength);
        entry.SessionId = AuditText.Clean(entry.SessionId, FtpAuditEntry.MaxSessionIdLength);
        entry.Actor = AuditText.Clean(entry.Actor, FtpAuditEntry.MaxNameLength);
        entry.Detail = AuditText.Clean(entry.Detail, FtpAuditEntry.MaxTextLength);
        db.Set<FtpAuditEntry>().Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }
}
