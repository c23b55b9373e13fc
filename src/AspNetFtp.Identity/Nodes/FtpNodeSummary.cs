namespace AspNetFtp.Identity.Nodes;

/// <summary>One node as the admin lists it.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="State">Alive, stopped or dead, by its heartbeat's age.</param>
/// <param name="IsThisNode">The node answering the request.</param>
/// <param name="Sessions">Its live sessions (this node: from its registry; another alive node: its last heartbeat's rows; otherwise 0).</param>
/// <param name="Endpoints">Its FTP listeners.</param>
/// <param name="PassivePorts">Its passive port ranges; null: any free port.</param>
/// <param name="MasqueradeAddress">The address its PASV replies announce; null: the local address.</param>
/// <param name="Version">Its server version.</param>
/// <param name="StartedUtc">When its current run started.</param>
/// <param name="HeartbeatUtc">Its last heartbeat.</param>
/// <param name="StoppedUtc">When it stopped gracefully; null otherwise.</param>
public sealed record FtpNodeSummary(
    string Name,
    FtpNodeState State,
    bool IsThisNode,
    int Sessions,
    string Endpoints,
    string? PassivePorts,
    string? MasqueradeAddress,
    string Version,
    DateTimeOffset StartedUtc,
    DateTimeOffset HeartbeatUtc,
    DateTimeOffset? StoppedUtc);
