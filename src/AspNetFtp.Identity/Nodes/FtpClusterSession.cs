namespace AspNetFtp.Identity.Nodes;

/// <summary>A live session of any node; <see cref="Node"/> and <see cref="Id"/> together name it.</summary>
/// <param name="Node">The node serving it.</param>
/// <param name="IsThisNode">Served by the node answering the request (the values are live, not a heartbeat's).</param>
/// <param name="Id">The session id on that node.</param>
/// <param name="UserName">The logged-in user; null before login.</param>
/// <param name="Remote">The client's address and port.</param>
/// <param name="IsTls">The control connection is encrypted.</param>
/// <param name="ConnectedUtc">When it connected.</param>
/// <param name="LastCommand">The last verb; null before the first.</param>
/// <param name="LastCommandUtc">When that verb arrived.</param>
/// <param name="TransferVerb">The running transfer's verb; null when idle.</param>
/// <param name="TransferDirection">The running transfer's direction (<c>Upload</c>, <c>Download</c>, <c>None</c> for a listing).</param>
/// <param name="TransferPath">The running transfer's path.</param>
/// <param name="TransferBytes">Bytes the running transfer has moved.</param>
/// <param name="TransferBytesPerSecond">Its average rate; known on this node only.</param>
/// <param name="Proxy">The load balancer it came through (PROXY protocol), address and port; null for a direct client.</param>
public sealed record FtpClusterSession(
    string Node,
    bool IsThisNode,
    string Id,
    string? UserName,
    string Remote,
    bool IsTls,
    DateTimeOffset ConnectedUtc,
    string? LastCommand,
    DateTimeOffset? LastCommandUtc,
    string? TransferVerb,
    string? TransferDirection,
    string? TransferPath,
    long? TransferBytes,
    double? TransferBytesPerSecond,
    string? Proxy = null);
