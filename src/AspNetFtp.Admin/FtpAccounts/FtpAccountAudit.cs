using System.Security.Claims;
using AspNetFtp.Identity.Audit;

namespace AspNetFtp.Admin.FtpAccounts;

/// <summary>The audit rows of the FTP groups and accounts pages: one per change, with the administrator as <see cref="FtpAuditEntry.Actor"/>.</summary>
internal static class FtpAccountAudit
{
    /// <summary>Writes the row now. <paramref name="detail"/> names what changed; never a password.</summary>
    public static Task RecordAsync(this IFtpAuditLog audit, ClaimsPrincipal administrator, string kind, string? userName, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(kind, userName, administrator.Identity?.Name, detail, cancellationToken);

    /// <summary>A group's settings for the audit detail: <c>permissions elr, home /srv/{username}, app passwords only, TLS required, storage s3</c>.</summary>
    public static string Describe(string permissions, string? homeDirectory, bool requireAppPasswords, bool requireTls, string? storageProfile = null) =>
        $"permissions {(permissions.Length == 0 ? "none" : permissions)}, home {(string.IsNullOrWhiteSpace(homeDirectory) ? "default" : homeDirectory)}"
        + (requireAppPasswords ? ", app passwords only" : string.Empty) + (requireTls ? ", TLS required" : string.Empty)
        + (storageProfile is null ? string.Empty : ", storage " + storageProfile);
}
