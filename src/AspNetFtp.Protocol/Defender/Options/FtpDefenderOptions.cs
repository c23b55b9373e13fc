namespace AspNetFtp.Protocol.Defender;

/// <summary>
/// <c>FtpServer:Defender</c>: scores per client address (IPv6 by <c>Limits:Ipv6PrefixLength</c> prefix) and the
/// bans they lead to. An address whose points within <see cref="ObservationWindow"/> reach <see cref="Threshold"/>
/// is refused with 421 at accept for <see cref="BanTime"/>, doubled at each repeat offence up to
/// <see cref="MaxBanTime"/>. The defaults follow fail2ban's sshd jail (5 failures, then a ban) and SFTPGo's
/// defender (30-minute window and ban).
/// </summary>
public sealed class FtpDefenderOptions
{
    /// <summary>Scoring, bans and their enforcement at accept; on by default. Off, nobody is scored, banned or refused for a ban.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Points within <see cref="ObservationWindow"/> that ban an address (5 failed logins at the default weights).</summary>
    public int Threshold { get; set; } = 15;

    /// <summary>How long points count: the window starts at an address's first point and its score starts again after it.</summary>
    public TimeSpan ObservationWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The first ban's length; each repeat offence doubles it.</summary>
    public TimeSpan BanTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The longest automatic ban. An expired ban is remembered for this long after its end (so the next offence
    /// counts as a repeat), then forgotten.
    /// </summary>
    public TimeSpan MaxBanTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Points for a refused PASS.</summary>
    public int FailedLoginWeight { get; set; } = 3;

    /// <summary>Points for a protocol error or a command refused by the common checks (unknown verb, syntax, not logged in, FTP bounce).</summary>
    public int CommandErrorWeight { get; set; } = 1;

    /// <summary>Points for a control connection that ends without a successful login (scanners; allow-list monitoring probes).</summary>
    public int ConnectionWithoutLoginWeight { get; set; } = 1;

    /// <summary>Points for a connection to a passive port from another address than the session's (port stealing).</summary>
    public int RefusedDataConnectionWeight { get; set; } = 5;

    /// <summary>Addresses and CIDR ranges (<c>192.0.2.10</c>, <c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) never scored, banned or refused for a ban.</summary>
    public List<string> AllowList { get; set; } = [];

    /// <summary>
    /// Addresses scored at once; past it the oldest scores are dropped, so a flood of new addresses cannot grow
    /// the server's memory (about 100 bytes each).
    /// </summary>
    public int MaxTrackedAddresses { get; set; } = 100_000;

    /// <summary>How often each node reads the ban store (other nodes' bans and lifts) and retries what it could not write.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
