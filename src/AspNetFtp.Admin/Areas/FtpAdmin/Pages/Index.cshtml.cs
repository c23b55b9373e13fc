using AspNetFtp.Admin.Dashboard;
using AspNetFtp.Admin.Sessions;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>
/// The dashboard, at the mount point itself (<c>/admin</c>) and where a sign-in lands: the last 24 hours from the audit
/// log (<see cref="IFtpAuditLog.SummarizeAsync"/>: bytes and logins per hour as server-rendered SVG charts with their
/// tables, the top users by bytes, failed logins by address) and the sessions open now (<see cref="IFtpSessionRegistry"/>).
/// With the audit log off (<c>FtpServer:Audit:Enabled</c> false) nothing is counted: the page says so instead of
/// showing zeros.
/// </summary>
internal sealed class IndexModel(IFtpAuditLog audit, IFtpSessionRegistry registry, TimeProvider time, IOptions<FtpAuditOptions> auditOptions, IOptions<AspNetFtp.Identity.Nodes.FtpNodeOptions> node) : PageModel
{
    /// <summary>Shown in place of the figures while the audit log is off.</summary>
    public const string AuditOffMessage =
        "Transfer and login figures come from the audit log, which is turned off (FtpServer:Audit:Enabled is false): nothing is being counted. Turn it on to see them here.";

    /// <summary>Whether the audit log records FTP events, the source of every figure but the open sessions.</summary>
    public bool AuditEnabled { get; private set; }

    /// <summary>Users and addresses listed.</summary>
    public const int Top = 10;

    public FtpAuditSummary Summary { get; private set; } = null!;

    public HourlyChart BytesChart { get; private set; } = null!;

    public HourlyChart LoginsChart { get; private set; } = null!;

    /// <summary>The sessions open now, oldest first.</summary>
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        Sessions = SessionRows.From(registry.List(), node.Value.EffectiveName, now);
        AuditEnabled = auditOptions.Value.Enabled;
        if (!AuditEnabled)
        {
            return;
        }

        // 24 whole UTC hours, the current one last (so far).
        DateTime utc = now.UtcDateTime;
        var thisHour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        Summary = await audit.SummarizeAsync(thisHour.AddHours(-23), thisHour.AddHours(1), Top, cancellationToken);
        IReadOnlyList<DateTimeOffset> hours = [.. Summary.Hours.Select(h => h.Start)];
        string span = $"from {HourlyChart.Hour(hours[0])} UTC yesterday to now";

        ChartSeries bytesIn = new("In", "bar-in", [.. Summary.Hours.Select(h => h.BytesIn)]);
        ChartSeries bytesOut = new("Out", "bar-out", [.. Summary.Hours.Select(h => h.BytesOut)]);
        BytesChart = HourlyChart.Build(
            "chart-bytes", "Bytes in and out per hour",
            $"Bytes uploaded (in) and downloaded (out) per hour, {span}: {DashboardText.Bytes(Summary.BytesIn)} in, {DashboardText.Bytes(Summary.BytesOut)} out.",
            "Bytes", hours, [bytesIn, bytesOut],
            ChartScale.ForBytes(Math.Max(bytesIn.Values.Max(), bytesOut.Values.Max())), DashboardText.Bytes);

        ChartSeries succeeded = new("Succeeded", "bar-ok", [.. Summary.Hours.Select(h => (long)h.LoginsSucceeded)]);
        ChartSeries failed = new("Failed", "bar-failed", [.. Summary.Hours.Select(h => (long)h.LoginsFailed)]);
        LoginsChart = HourlyChart.Build(
            "chart-logins", "Logins succeeded and failed per hour",
            $"FTP logins per hour, {span}: {DashboardText.Count(Summary.LoginsSucceeded, "login")} succeeded, {Summary.LoginsFailed} failed.",
            "Logins", hours, [succeeded, failed],
            ChartScale.ForCounts(Math.Max(succeeded.Values.Max(), failed.Values.Max())), v => DashboardText.Count(v, "login"));
    }
}
