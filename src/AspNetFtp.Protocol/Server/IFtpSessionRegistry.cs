namespace AspNetFtp.Protocol.Server;

/// <summary>
/// The live sessions of the server, for an admin page or an operator command: list them and end one.
/// Listing reads only what each session keeps up to date anyway, so it is cheap enough to call every second.
/// </summary>
public interface IFtpSessionRegistry
{
    /// <summary>Open control connections.</summary>
    int Count { get; }

    /// <summary>A snapshot of every live session.</summary>
    IReadOnlyList<FtpSessionInfo> List();

    /// <summary>One session's snapshot, or null when it has ended.</summary>
    FtpSessionInfo? Find(string sessionId);

    /// <summary>
    /// Ends a session: a running transfer ends as incomplete (426), the client gets 421 and the connection
    /// closes. Completes when the session has ended; false when no such session was live.
    /// </summary>
    Task<bool> DisconnectAsync(string sessionId, CancellationToken cancellationToken = default);
}
