namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>An <see cref="AdminApp"/> whose audit log is turned off (<c>FtpServer:Audit:Enabled</c> false).</summary>
public sealed class AuditOffAdminApp : AdminApp
{
    public AuditOffAdminApp()
        : base(new Dictionary<string, string?> { ["FtpServer:Audit:Enabled"] = "false" })
    {
    }
}
