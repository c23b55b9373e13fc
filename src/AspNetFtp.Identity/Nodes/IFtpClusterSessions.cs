namespace AspNetFtp.Identity.Nodes;

/// <summary>
/// Every node's state and live sessions, and a disconnect that reaches the node serving the session, for the web admin
/// and the CLI (scoped; registered by <c>AddIdentityAccounts</c>). Another node is reached through the database: a
/// command row it takes at its next heartbeat.
/// </summary>
public interface IFtpClusterSessions
{
    /// <summary>This node's name.</summary>
    string ThisNode { get; }

    /// <summary>Every node with a row, alive ones first, then by name.</summary>
    Task<IReadOnlyList<FtpNodeSummary>> ListNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>The sessions of every alive node: this node's live, the others' as of their last heartbeat.</summary>
    Task<FtpClusterSessionList> ListSessionsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends session <paramref name="sessionId"/> of node <paramref name="node"/>: on this node at once; on another alive
    /// node through a command row, waiting up to two heartbeat intervals for its answer (then <see cref="FtpDisconnectOutcome.Pending"/>);
    /// a stopped, dead or unknown node is refused. An ended session is written to the audit log with <paramref name="actor"/>.
    /// </summary>
    Task<FtpDisconnectResult> RequestDisconnectAsync(string node, string sessionId, string? actor, CancellationToken cancellationToken = default);
}
