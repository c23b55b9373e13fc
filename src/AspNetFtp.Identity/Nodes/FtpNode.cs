namespace AspNetFtp.Identity.Nodes;

/// <summary>
/// One FTP server process sharing the database (<c>FtpNodes</c>, one row per <see cref="Name"/>): written by its
/// <see cref="FtpNodeHeartbeat{TContext}"/> every <c>FtpServer:Node:HeartbeatInterval</c>, read by the admin's Nodes page.
/// </summary>
public sealed class FtpNode
{
    /// <summary>The longest node name, in characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest endpoint, passive range or masquerade text kept, in characters.</summary>
    public const int MaxTextLength = 512;

    /// <summary>The longest version text kept, in characters.</summary>
    public const int MaxVersionLength = 64;

    /// <summary>The node's name (<c>FtpServer:Node:Name</c>); the key.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The process run that owns the row; a restart writes a new one.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The FTP listeners' addresses, such as <c>0.0.0.0:21, 0.0.0.0:990 (implicit TLS)</c>.</summary>
    public string Endpoints { get; set; } = string.Empty;

    /// <summary>The passive port ranges as configured; null: any free port.</summary>
    public string? PassivePorts { get; set; }

    /// <summary>The address announced in PASV replies; null: the control connection's local address.</summary>
    public string? MasqueradeAddress { get; set; }

    /// <summary>The server's version.</summary>
    public string Version { get; set; } = string.Empty;

    /// <summary>When this run started, in UTC.</summary>
    public DateTime StartedUtc { get; set; }

    /// <summary>The last heartbeat, in UTC.</summary>
    public DateTime HeartbeatUtc { get; set; }

    /// <summary>When the node stopped gracefully, in UTC; null while it runs (or after it died without stopping).</summary>
    public DateTime? StoppedUtc { get; set; }
}
