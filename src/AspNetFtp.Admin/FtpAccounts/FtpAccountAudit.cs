using System.Security.Claims;
using AspNetFtp.Identity.Audit;

namespace AspNetFtp.Admin.FtpAccounts;

/// <summary>The audit rows of the FTP groups and accounts pages: one per change, with the administrator as <see cref="FtpAuditEntry.Actor"/>.</summary>
internal static class FtpAccountAudit
{
    public const string GroupCreated = AdminAuditKinds.GroupCreated;
    public const string GroupChanged = AdminAuditKinds.GroupChanged;
    public const string GroupDeleted = AdminAuditKinds.GroupDeleted;
    public const string AccountCreated = AdminAuditKinds.AccountCreated;
    public const string AccountChanged = AdminAuditKinds.AccountChanged;
    public const string AccountDeleted = AdminAuditKinds.AccountDeleted;
    public const string AppPasswordCreated = AdminAuditKinds.AppPasswordCreated;
    public const string AppPasswordRevoked = AdminAuditKinds.AppPasswordRevoked;
    public const string LimitsChanged = AdminAuditKinds.LimitsChanged;
    public const string UsageRecounted = AdminAuditKinds.UsageRecounted;

    /// <summary>Writes the row now. <paramref name="detail"/> names what changed; never a password.</summary>
    public static Task RecordAsync(this IFtpAuditLog audit, ClaimsPrincipal administrator, string kind, string? userName, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(kind, userName, administrator.Identity?.Name, detail, cancellationToken);

    /// <summary>A group's settings for the audit detail: <c>permissions elr, home /srv/{username}, app passwords only, TLS required</c>.</summary>
    public static string Describe(string permissions, string? homeDirectory, bool requireAppPasswords, bool requireTls) =>
        $"permissions {(permissions.Length == 0 ? "none" : permissions)}, home {(string.IsNullOrWhiteSpace(homeDirectory) ? "default" : homeDirectory)}"
        + (requireAppPasswords ? ", app passwords only" : string.Empty) + (requireTls ? ", TLS required" : string.Empty);
}
