using AspNetFtp.Admin.Sessions;
using AspNetFtp.Identity.Nodes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>
/// The nodes sharing the database (<see cref="IFtpClusterSessions.ListNodesAsync"/>): state by heartbeat age, live
/// sessions, listeners, passive range and masquerade address, start and last heartbeat.
/// </summary>
internal sealed class NodesModel(IFtpClusterSessions cluster, TimeProvider time) : PageModel
{
    public IReadOnlyList<FtpNodeSummary> Nodes { get; private set; } = [];

    public string ThisNode => cluster.ThisNode;

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Nodes = await cluster.ListNodesAsync(cancellationToken);
    }

    /// <summary><c>alive</c>, <c>stopped</c>, <c>dead</c>.</summary>
    public static string StateText(FtpNodeState state) => state switch
    {
        FtpNodeState.Alive => "alive",
        FtpNodeState.Stopped => "stopped",
        _ => "dead",
    };

    /// <summary><c>2026-12-01 14:02:11 UTC (3 s ago)</c>.</summary>
    public string When(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC ("
        + SessionRows.Duration(Now - at) + " ago)";
}
