namespace AspNetFtp.Identity.Nodes;

/// <summary>A node's state as its heartbeat tells it.</summary>
public enum FtpNodeState
{
    /// <summary>Its heartbeat is younger than <c>FtpServer:Node:DeadAfter</c>.</summary>
    Alive,

    /// <summary>It stopped gracefully.</summary>
    Stopped,

    /// <summary>Its heartbeat is older than <c>DeadAfter</c> and it never said it stopped.</summary>
    Dead,
}
