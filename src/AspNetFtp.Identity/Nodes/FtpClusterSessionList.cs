namespace AspNetFtp.Identity.Nodes;

/// <summary>Every alive node's sessions, oldest connection first.</summary>
/// <param name="Sessions">The sessions.</param>
/// <param name="OtherNodesUnavailable">The database could not be read: only this node's sessions are listed.</param>
public sealed record FtpClusterSessionList(IReadOnlyList<FtpClusterSession> Sessions, bool OtherNodesUnavailable);
