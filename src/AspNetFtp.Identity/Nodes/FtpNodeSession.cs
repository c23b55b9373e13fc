namespace AspNetFtp.Identity.Nodes;

/// <summary>
/// One live session of a node as its last heartbeat saw it (<c>FtpNodeSessions</c>, key <see cref="NodeName"/> +
/// <see cref="SessionId"/>: a session id is unique on its node only). Client text is masked and cut to the columns.
/// </summary>
public sealed class FtpNodeSession
{
    /// <summary>The longest session id kept, in characters.</summary>
    public const int MaxSessionIdLength = 64;

    /// <summary>The longest user name kept, in characters.</summary>
    public const int MaxUserNameLength = 256;

    /// <summary>The longest client address text (an IPv6 address with a port), in characters.</summary>
    public const int MaxRemoteLength = 64;

    /// <summary>The longest verb kept (<see cref="LastCommand"/>, <see cref="TransferVerb"/>), in characters.</summary>
    public const int MaxVerbLength = 16;

    /// <summary>The longest transfer path kept, in characters.</summary>
    public const int MaxPathLength = 1024;

    /// <summary>The node that serves the session.</summary>
    public string NodeName { get; set; } = string.Empty;

    /// <summary>The session id on that node.</summary>
    public string SessionId { get; set; } = string.Empty;

    /// <summary>The logged-in user; null before login.</summary>
    public string? UserName { get; set; }

    /// <summary>The client's address and port.</summary>
    public string Remote { get; set; } = string.Empty;

    /// <summary>The load balancer's address and port when the session came through the PROXY protocol; null for a direct client.</summary>
    public string? Proxy { get; set; }

    /// <summary>The control connection is encrypted.</summary>
    public bool IsTls { get; set; }

    /// <summary>When the connection was admitted, in UTC.</summary>
    public DateTime ConnectedUtc { get; set; }

    /// <summary>The verb of the last command; null before the first.</summary>
    public string? LastCommand { get; set; }

    /// <summary>When that command arrived, in UTC.</summary>
    public DateTime? LastCommandUtc { get; set; }

    /// <summary>The running transfer's verb; null when none runs.</summary>
    public string? TransferVerb { get; set; }

    /// <summary>The running transfer's direction (<c>Upload</c>, <c>Download</c>); null when none runs.</summary>
    public string? TransferDirection { get; set; }

    /// <summary>The running transfer's path as the client sees it.</summary>
    public string? TransferPath { get; set; }

    /// <summary>Bytes the running transfer has moved.</summary>
    public long? TransferBytes { get; set; }

    /// <summary>When the node last changed this row, in UTC.</summary>
    public DateTime UpdatedUtc { get; set; }
}
