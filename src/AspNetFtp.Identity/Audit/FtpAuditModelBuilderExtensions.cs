using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Audit;

/// <summary>Maps the audit log (<see cref="FtpAuditEntry"/>, table <c>FtpAuditEntries</c>).</summary>
public static class FtpAuditModelBuilderExtensions
{
    /// <summary>
    /// Adds the audit log table. <c>AddFtpAccounts</c> calls it, so an application whose context applies
    /// <c>AddFtpAccounts</c> only needs a new migration to get it.
    /// </summary>
    public static ModelBuilder AddFtpAuditLog(this ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<FtpAuditEntry>(entry =>
        {
            entry.ToTable("FtpAuditEntries");
            entry.HasKey(e => e.Id);
            // Stored as UTC; read back as UTC on every provider (SQLite and MySQL keep no kind).
            entry.Property(e => e.TimeUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
            entry.Property(e => e.Kind).HasMaxLength(FtpAuditEntry.MaxKindLength).IsRequired();
            entry.Property(e => e.UserName).HasMaxLength(FtpAuditEntry.MaxNameLength);
            entry.Property(e => e.RemoteAddress).HasMaxLength(FtpAuditEntry.MaxAddressLength);
            entry.Property(e => e.Path).HasMaxLength(FtpAuditEntry.MaxTextLength);
            entry.Property(e => e.TargetPath).HasMaxLength(FtpAuditEntry.MaxTextLength);
            entry.Property(e => e.SessionId).HasMaxLength(FtpAuditEntry.MaxSessionIdLength);
            entry.Property(e => e.Actor).HasMaxLength(FtpAuditEntry.MaxNameLength);
            entry.Property(e => e.Detail).HasMaxLength(FtpAuditEntry.MaxTextLength);

            // The page's filters, each newest first; retention deletes by time.
            entry.HasIndex(e => e.TimeUtc);
            entry.HasIndex(e => new { e.UserName, e.TimeUtc });
            entry.HasIndex(e => new { e.Kind, e.TimeUtc });
            entry.HasIndex(e => new { e.RemoteAddress, e.TimeUtc });
        });
        return builder;
    }
}
