using System.Security.Claims;
using AspNetFtp.Identity.Audit;

namespace AspNetFtp.Admin.FtpAccounts;

/// <summary>The audit rows of the FTP groups and accounts pages: one per change, with the administrator as <see cref="FtpAuditEntry.Actor"/>.</summary>
internal static class FtpAccountAudit
{
    public const string GroupCreated = "AdminGroupCreated";
    public const string GroupChanged = "AdminGroupChanged";
    public const string GroupDeleted = "AdminGroupDeleted";
    public const string AccountCreated = "AdminAccountCreated";
    public const string AccountChanged = "AdminAccountChanged";
    public const string AccountDeleted = "AdminAccountDeleted";
    public const string AppPasswordCreated = "AdminAppPasswordCreated";
    public const string AppPasswordRevoked = "AdminAppPasswordRevoked";
    public const string LimitsChanged = "AdminLimitsChanged";
    public const string UsageRecounted = "AdminUsageRecounted";

    /// <summary>Writes the row now. <paramref name="detail"/> names what changed; never a password.</summary>
    public static Task RecordAsync(this IFtpAuditLog audit, ClaimsPrincipal administrator, string kind, string? userName, string detail, CancellationToken cancellationToken) =>
        audit.AddAsync(new FtpAuditEntry
        {
            Kind = kind,
            Actor = administrator.Identity?.Name,
            UserName = userName,
            Detail = detail,
        }, cancellationToken);

    /// <summary>A group's settings for the audit detail: <c>permissions elr, home /srv/{username}, app passwords only</c>.</summary>
    public static string Describe(string permissions, string? homeDirectory, bool requireAppPasswords) =>
        $"permissions {(permissions.Length == 0 ? "none" : permissions)}, home {(string.IsNullOrWhiteSpace(homeDirectory) ? "default" : homeDirectory)}"
        + (requireAppPasswords ? ", app passwords only" : string.Empty);
}
