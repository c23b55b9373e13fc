namespace AspNetFtp.Protocol.Server;

/// <summary>
/// <c>FtpServer:Limits</c>: how many connections, failures and queued events the server allows. Each default
/// names the precedent it follows.
/// </summary>
public sealed class FtpLimitOptions
{
    /// <summary>Sessions in all; past it, 421 on connect. vsftpd's max_clients is 2000 with its default of 0 meaning unlimited.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>Sessions per client address (per IPv6 prefix, see <see cref="Ipv6PrefixLength"/>); past it, 421 on connect.</summary>
    public int MaxConnectionsPerIp { get; set; } = 64;

    /// <summary>
    /// IPv6 clients count against <see cref="MaxConnectionsPerIp"/> by this prefix length (1-128): a subscriber
    /// usually holds a whole /64 (RFC 6177), so counting single addresses would not limit anyone. 128 counts each
    /// address alone. IPv4 (and IPv4-mapped IPv6) clients always count by their address.
    /// </summary>
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>Failed logins before the session is closed (vsftpd's max_login_fails is 3).</summary>
    public int MaxLoginFailures { get; set; } = 3;

    /// <summary>Malformed or unknown commands in a row before the session is closed.</summary>
    public int MaxProtocolErrors { get; set; } = 10;

    /// <summary>Events each sink's queue holds; past it new events are dropped for that sink (and counted).</summary>
    public int EventQueueCapacity { get; set; } = 10_000;

    /// <summary>Connections the kernel may hold for each listener before they are accepted (listen backlog; nginx's default is 511).</summary>
    public int ListenBacklog { get; set; } = 512;

    /// <summary>
    /// Logged-in sessions one user may hold at once across the server unless the account sets its own; past it the
    /// login gets 421 at PASS. 0: no limit (vsftpd's max_per_ip counts addresses; ProFTPD's MaxClientsPerUser is this).
    /// </summary>
    public int MaxSessionsPerUser { get; set; }

    /// <summary>Bytes per second all uploads together may receive; 0: no cap (vsftpd has none; ProFTPD's TransferRate is per session).</summary>
    public long MaxUploadBytesPerSecond { get; set; }

    /// <summary>Bytes per second all downloads together may send; 0: no cap.</summary>
    public long MaxDownloadBytesPerSecond { get; set; }
}
