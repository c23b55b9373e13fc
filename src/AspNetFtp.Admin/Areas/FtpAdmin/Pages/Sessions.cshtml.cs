using AspNetFtp.Admin.Sessions;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>
/// Live sessions of every node (<see cref="IFtpClusterSessions"/>: this node's registry, the other alive nodes' rows):
/// rendered with the page, then refreshed every second by the page's script from <c>?handler=Data</c>; Disconnect ends
/// a session on whichever node serves it (421 to the client; another node takes it at its next heartbeat), written to
/// the audit log with the administrator as the actor.
/// </summary>
internal sealed class SessionsModel(IFtpClusterSessions cluster, TimeProvider time) : PageModel
{
    /// <summary>The audit kind of an administrator's Disconnect.</summary>
    public const string DisconnectedKind = AdminAuditKinds.SessionDisconnected;

    public const string EndedMessage = "The session was disconnected.";
    public const string GoneMessage = "That session had already ended.";
    public const string UnavailableMessage = "The database cannot be read: only this node's sessions are listed.";

    public IReadOnlyList<SessionRow> Rows { get; private set; } = [];

    /// <summary>This node's name (the rows of other nodes name theirs).</summary>
    public string ThisNode => cluster.ThisNode;

    /// <summary>The other nodes' sessions could not be read.</summary>
    public bool OtherNodesUnavailable { get; private set; }

    /// <summary>What the last Disconnect did, shown once.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        FtpClusterSessionList list = await cluster.ListSessionsAsync(cancellationToken);
        Rows = SessionRows.From(list.Sessions, time.GetUtcNow());
        OtherNodesUnavailable = list.OtherNodesUnavailable;
    }

    /// <summary>The rows as JSON, for the page's script.</summary>
    public async Task<JsonResult> OnGetDataAsync(CancellationToken cancellationToken)
    {
        FtpClusterSessionList list = await cluster.ListSessionsAsync(cancellationToken);
        return new(new { sessions = SessionRows.From(list.Sessions, time.GetUtcNow()), otherNodesUnavailable = list.OtherNodesUnavailable });
    }

    public async Task<IActionResult> OnPostDisconnectAsync(string? id, string? node, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            StatusMessage = GoneMessage;
        }
        else
        {
            FtpDisconnectResult result = await cluster.RequestDisconnectAsync(string.IsNullOrEmpty(node) ? cluster.ThisNode : node, id,
                User.Identity?.Name, cancellationToken);
            StatusMessage = MessageOf(result, cluster.ThisNode);
        }

        return RedirectToPage("/Sessions", new { area = FtpAdminArea.Name });
    }

    /// <summary>The notice after a Disconnect: which node ended it, that it is pending, or why it was refused.</summary>
    public static string MessageOf(FtpDisconnectResult result, string thisNode) => result.Outcome switch
    {
        FtpDisconnectOutcome.Ended when result.Node == thisNode => EndedMessage,
        FtpDisconnectOutcome.Ended => $"The session was disconnected by node {result.Node}.",
        FtpDisconnectOutcome.Gone => GoneMessage,
        FtpDisconnectOutcome.Pending => $"Node {result.Node} has not answered yet; it ends the session at its next heartbeat.",
        _ => $"Not disconnected: {result.Reason}.",
    };
}
