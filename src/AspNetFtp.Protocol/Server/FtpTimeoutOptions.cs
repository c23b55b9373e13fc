namespace AspNetFtp.Protocol.Server;

/// <summary>
/// <c>FtpServer:Timeouts</c>: every wait of the engine, as time spans (<c>00:05:00</c>). The old flat keys in
/// seconds (<c>Timeout</c>, <c>DataTimeout</c>, …) still set them; see <see cref="LegacyFtpServerKeys"/>.
/// </summary>
public sealed class FtpTimeoutOptions
{
    /// <summary>
    /// Idle timeout of a logged-in session (FTPSERVER_TIMEOUT; pyftpdlib's default 300 s). Also the deadline of
    /// each reply written after login: a client that stops reading is closed when it passes.
    /// </summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Time a client has to log in after connecting; also the deadline of each reply written before login.</summary>
    public TimeSpan Login { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time to wait for a data connection to be established, for a stalled transfer or listing to move, for a
    /// transfer command to come after PASV/EPSV (the passive port is given back after it), and for a TLS handshake.
    /// </summary>
    public TimeSpan Data { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long closing a data connection waits for the client's TLS close_notify and FIN after the last byte.</summary>
    public TimeSpan DataClose { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Time a connection preamble (such as a PROXY protocol header; only when a preamble stage is registered)
    /// may take to arrive before the connection is dropped.
    /// </summary>
    public TimeSpan Preamble { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before answering a failed login (vsftpd's delay_failed_login is 1 s).</summary>
    public TimeSpan LoginFailureDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the 421 to a refused connection may take to write; a client that does not read is dropped after it.</summary>
    public TimeSpan RefusalWrite { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long running transfers may go on after a stop is requested.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After the grace period, how long a stop waits for the aborted sessions to end before it returns.</summary>
    public TimeSpan ShutdownAbort { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the accounts of logged-in users are checked against the account store (one query for all of
    /// them), when <see cref="FtpServerOptions.EndSessionsOnAccountChange"/> is on: the longest a session of a
    /// deleted, locked or re-passworded account lasts.
    /// </summary>
    public TimeSpan AccountRecheck { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long each event sink may go on receiving its queued events on stop before its token is cancelled.</summary>
    public TimeSpan EventDrain { get; set; } = TimeSpan.FromSeconds(5);
}
