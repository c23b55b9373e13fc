namespace AspNetFtp.Identity.Nodes;

/// <summary>What a disconnect asked through <see cref="IFtpClusterSessions.RequestDisconnectAsync"/> did.</summary>
public enum FtpDisconnectOutcome
{
    /// <summary>The session was live and has ended (the client got 421).</summary>
    Ended,

    /// <summary>No such session was live any more.</summary>
    Gone,

    /// <summary>The request is written but the node has not taken it yet; it will at its next heartbeat.</summary>
    Pending,

    /// <summary>Not asked: the node is unknown, stopped or dead (see the reason).</summary>
    Refused,
}
