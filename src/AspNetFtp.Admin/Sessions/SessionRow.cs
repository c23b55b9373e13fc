namespace AspNetFtp.Admin.Sessions;

/// <summary>
/// One live session as the page shows it, every value already text: the page renders it, and the same record goes to
/// the page's script as JSON, so both show the same words. User names, paths and commands are client text: the page
/// encodes them and the script places them with <c>textContent</c>. <c>Node</c> and <c>Id</c> together name the session.
/// </summary>
internal sealed record SessionRow(
    string Id,
    string Node,
    string User,
    string Remote,
    string Tls,
    string ConnectedSince,
    string LastCommand,
    TransferRow? Transfer);

/// <summary>A session's running transfer, as text.</summary>
internal sealed record TransferRow(string Verb, string Direction, string Path, string Bytes, string Rate);
