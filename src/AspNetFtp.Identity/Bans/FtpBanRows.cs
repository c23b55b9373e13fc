using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Bans;

/// <summary>The ban store's queries on an application's DbContext (<c>FtpBans</c>, one row per address).</summary>
internal static class FtpBanRows
{
    public static FtpAddressBan ToBan(FtpBan row) => new(
        row.Address,
        row.Reason,
        Utc(row.CreatedUtc),
        row.ExpiresUtc is { } end ? Utc(end) : null,
        row.Offences,
        row.CreatedBy);

    /// <summary>Adds the ban, or replaces the row of its address (two nodes banning one address at once: the second write wins).</summary>
    public static async Task SaveAsync(DbContext db, FtpAddressBan ban, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            FtpBan? row = await db.Set<FtpBan>().FirstOrDefaultAsync(b => b.Address == ban.Address, cancellationToken);
            if (row is null)
            {
                row = new FtpBan { Address = ban.Address };
                db.Set<FtpBan>().Add(row);
            }

            row.Reason = Cut(ban.Reason, FtpBan.MaxReasonLength);
            row.CreatedUtc = ban.Created.UtcDateTime;
            row.ExpiresUtc = ban.Expires?.UtcDateTime;
            row.Offences = ban.Offences;
            row.CreatedBy = ban.CreatedBy is null ? null : Cut(ban.CreatedBy, FtpBan.MaxCreatedByLength);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another node added the address between the read and the insert: read its row and update it.
                db.ChangeTracker.Clear();
            }
        }
    }

    // Deletes by id through the change tracker: MariaDB refuses the aliased DELETE that ExecuteDelete produces
    // through MySql.EntityFrameworkCore (as the audit retention found).
    public static async Task<bool> LiftAsync(DbContext db, string address, CancellationToken cancellationToken) =>
        await DeleteAsync(db, db.Set<FtpBan>().Where(b => b.Address == address), cancellationToken) > 0;

    public static async Task<FtpAddressBan?> FindAsync(DbContext db, string address, CancellationToken cancellationToken) =>
        await db.Set<FtpBan>().AsNoTracking().FirstOrDefaultAsync(b => b.Address == address, cancellationToken) is { } row ? ToBan(row) : null;

    public static async Task<List<FtpAddressBan>> ListAsync(DbContext db, DateTimeOffset expiredSince, CancellationToken cancellationToken)
    {
        DateTime since = expiredSince.UtcDateTime;
        List<FtpBan> rows = await db.Set<FtpBan>().AsNoTracking()
            .Where(b => b.ExpiresUtc == null || b.ExpiresUtc > since)
            .OrderByDescending(b => b.CreatedUtc)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToBan)];
    }

    public static Task<int> ForgetAsync(DbContext db, DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        DateTime before = expiredBefore.UtcDateTime;
        return DeleteAsync(db, db.Set<FtpBan>().Where(b => b.ExpiresUtc != null && b.ExpiresUtc < before), cancellationToken);
    }

    private static async Task<int> DeleteAsync(DbContext db, IQueryable<FtpBan> rows, CancellationToken cancellationToken)
    {
        List<int> ids = await rows.Select(b => b.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        db.Set<FtpBan>().RemoveRange(ids.Select(id => new FtpBan { Id = id }));
        try
        {
            return await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node deleted some of them first: they are gone, which is what was asked.
            db.ChangeTracker.Clear();
            return ids.Count;
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string Cut(string text, int maxLength) => text.Length <= maxLength ? text : text[..maxLength];
}
