using AspNetFtp.Admin.Sessions;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Protocol.Server;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>
/// Live sessions from the server's <see cref="IFtpSessionRegistry"/>: rendered with the page, then refreshed every
/// second by the page's script from <c>?handler=Data</c>; Disconnect ends a session (421 to the client), written to
/// the audit log with the administrator as the actor.
/// </summary>
internal sealed class SessionsModel(IFtpSessionRegistry registry, IFtpAuditLog audit, TimeProvider time) : PageModel
{
    /// <summary>The audit kind of an administrator's Disconnect.</summary>
    public const string DisconnectedKind = "AdminSessionDisconnected";

    public const string EndedMessage = "The session was disconnected.";
    public const string GoneMessage = "That session had already ended.";

    public IReadOnlyList<SessionRow> Rows { get; private set; } = [];

    /// <summary>What the last Disconnect did, shown once.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet() => Rows = SessionRows.From(registry.List(), time.GetUtcNow());

    /// <summary>The rows as JSON, for the page's script.</summary>
    public JsonResult OnGetData() => new(new { sessions = SessionRows.From(registry.List(), time.GetUtcNow()) });

    public async Task<IActionResult> OnPostDisconnectAsync(string? id, CancellationToken cancellationToken)
    {
        FtpSessionInfo? session = string.IsNullOrEmpty(id) ? null : registry.Find(id);
        bool ended = session is not null && await registry.DisconnectAsync(session.Id, cancellationToken);
        if (ended)
        {
            await audit.RecordAsync(DisconnectedKind, session!.UserName, User.Identity?.Name, "session " + session.Id, cancellationToken,
                session.RemoteEndPoint.Address.ToString());
        }

        StatusMessage = ended ? EndedMessage : GoneMessage;
        return RedirectToPage("/Sessions", new { area = FtpAdminArea.Name });
    }
}
