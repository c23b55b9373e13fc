namespace AspNetFtp.Identity.Nodes;

/// <summary>The node registry's settings: the <c>FtpServer:Node</c> section.</summary>
public sealed class FtpNodeOptions
{
    /// <summary>The configuration section, under <c>FtpServer</c>.</summary>
    public const string SectionName = "Node";

    /// <summary>The shortest heartbeat interval allowed (tests use it; a cluster wants seconds).</summary>
    public static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest heartbeat interval allowed: a disconnect on another node waits up to one interval.</summary>
    public static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether this server registers itself in <c>FtpNodes</c>, publishes its sessions and takes disconnects from other
    /// nodes. Default true (one row and one small write per interval, on SQLite too).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The node's name, unique among the running nodes of one database (at most 64 characters). Default: the machine's
    /// host name, which suits one node per machine; two processes on one machine need names of their own.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// How often the node writes its heartbeat and its sessions and takes its pending commands: also the longest a
    /// disconnect asked on another node waits. Default 2 seconds (between 00:00:00.100 and 00:01:00).
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How old a heartbeat may be before the node counts as dead (its session rows are deleted, its name may be taken).
    /// Default (unset): three heartbeat intervals; at least two intervals, at most one hour.
    /// </summary>
    public TimeSpan? DeadAfter { get; set; }

    /// <summary>The name in use: <see cref="Name"/>, else the machine's host name.</summary>
    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? Environment.MachineName : Name.Trim();

    /// <summary><see cref="DeadAfter"/>, else three heartbeat intervals.</summary>
    public TimeSpan EffectiveDeadAfter => DeadAfter ?? HeartbeatInterval * 3;
}
