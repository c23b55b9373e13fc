using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// The <c>FtpServer</c> configuration section: the general settings here, and one part per concern
/// (<see cref="Limits"/>, <see cref="Timeouts"/>, <see cref="Tls"/>, <see cref="DataChannel"/>), bound from nested
/// keys such as <c>FtpServer:Timeouts:Idle</c>. The old flat keys (<c>FtpServer:Timeout</c> in seconds, …) are
/// still accepted, read by <see cref="LegacyFtpServerKeys"/> only. Defaults follow pyftpdlib and vsftpd where
/// they agree; every value is validated at start by <see cref="FtpServerOptionsValidator"/>.
/// </summary>
public sealed class FtpServerOptions
{
    /// <summary>The configuration section the server reads, <c>FtpServer</c>.</summary>
    public const string SectionName = "FtpServer";

    /// <summary>
    /// The <c>FtpServer</c> section of an application's configuration; never the root itself, so keys such as
    /// <c>PORT</c> or <c>HOST</c> that hosting platforms set at the root never reach the FTP settings. A missing
    /// section reads as every default. Given a section already (<c>configuration.GetSection("FtpServer")</c>, or any
    /// section of the application's own choosing), that section is used: its <c>FtpServer</c> child when it has one,
    /// else the section itself.
    /// </summary>
    public static IConfiguration SectionOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration is not IConfigurationSection given)
        {
            return configuration.GetSection(SectionName);
        }

        if (string.Equals(given.Key, SectionName, StringComparison.OrdinalIgnoreCase))
        {
            return given;
        }

        IConfigurationSection child = given.GetSection(SectionName);
        return child.Exists() ? child : given;
    }

    /// <summary>Address to listen on (django-ftpserver's FTPSERVER_HOST). Default 0.0.0.0.</summary>
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>Control port (FTPSERVER_PORT). 0 picks a free port. Default 21.</summary>
    public int Port { get; set; } = 21;

    /// <summary>Port of the implicit FTPS listener (TLS from the first byte, traditionally 990); null for none, 0 for a free port.</summary>
    public int? ImplicitTlsPort { get; set; }

    /// <summary>The 220 greeting.</summary>
    public string Banner { get; set; } = "AspNetFtp ready.";

    /// <summary>Send plain-channel downloads of local files with zero-copy sendfile (FTPSERVER_SENDFILE).</summary>
    public bool UseSendfile { get; set; } = true;

    /// <summary>Cache verified credentials so repeated logins skip the password hash (the version stamp still checks).</summary>
    public bool CredentialCacheEnabled { get; set; } = true;

    /// <summary>Seconds a cached verified credential stays valid.</summary>
    public int CredentialCacheLifetime { get; set; } = 300;

    /// <summary>Most verified credentials kept at once.</summary>
    public int CredentialCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Whether a failed start of the FTP server (a port that cannot be bound, a failed start-up check such as missing
    /// account tables) stops the whole application. Default true: the start throws and the host stops. False: the
    /// failure is logged, the FTP server stays down (its health check reports why) and the rest of the application runs.
    /// </summary>
    public bool StopApplicationOnStartFailure { get; set; } = true;

    /// <summary>
    /// Whether open sessions of a user end (421; a running transfer ends 426 incomplete) once the account store
    /// reports the account changed: deleted, locked out, or its security stamp renewed (a password change).
    /// Checked every <see cref="FtpTimeoutOptions.AccountRecheck"/>, only for account stores that implement
    /// <see cref="Abstractions.IFtpAccountStampSource"/>. Default true.
    /// </summary>
    public bool EndSessionsOnAccountChange { get; set; } = true;

    /// <summary>
    /// How the local storage writes uploads: <see cref="FtpUploadMode.Standard"/> in place,
    /// <see cref="FtpUploadMode.Atomic"/> (default) through a temporary file renamed over the target on completion,
    /// <see cref="FtpUploadMode.AtomicResume"/> the same but a cut upload is kept for REST+STOR.
    /// </summary>
    public FtpUploadMode UploadMode { get; set; } = FtpUploadMode.Atomic;

    /// <summary>Connection, failure and queue limits (<c>FtpServer:Limits</c>).</summary>
    public FtpLimitOptions Limits { get; set; } = new();

    /// <summary>Every wait of the engine (<c>FtpServer:Timeouts</c>).</summary>
    public FtpTimeoutOptions Timeouts { get; set; } = new();

    /// <summary>FTPS certificate and requirements (<c>FtpServer:Tls</c>).</summary>
    public FtpTlsOptions Tls { get; set; } = new();

    /// <summary>Passive ports and addresses, and where active connections may go (<c>FtpServer:DataChannel</c>).</summary>
    public FtpDataChannelOptions DataChannel { get; set; } = new();

    /// <summary>Scores per client address and the bans they lead to (<c>FtpServer:Defender</c>).</summary>
    public Defender.FtpDefenderOptions Defender { get; set; } = new();

    /// <summary>The PROXY protocol on the control listeners, behind a load balancer (<c>FtpServer:ProxyProtocol</c>).</summary>
    public Connections.ProxyProtocol.FtpProxyProtocolOptions ProxyProtocol { get; set; } = new();

    /// <summary>
    /// The configuration key each setting came from when it was not its own nested key: nested path
    /// (<c>Timeouts:Data</c>) → the old key used (<c>DataTimeout</c>). Validation messages name the key actually written.
    /// </summary>
    internal Dictionary<string, string> KeySources { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Values in configuration that could not be taken (a bare number for a time span, a word for seconds); reported by the validator.</summary>
    internal List<string> ConfigurationProblems { get; } = [];

    /// <summary>The full key of a setting as the configuration wrote it: <c>FtpServer:Timeouts:Data</c>, or <c>FtpServer:DataTimeout</c> when the old key set it.</summary>
    internal string KeyOf(string path) => $"{SectionName}:{SettingOf(path)}";

    /// <summary>The key of a setting within the section, as the configuration wrote it (<c>Timeouts:Data</c> or <c>DataTimeout</c>).</summary>
    internal string SettingOf(string path) => KeySources.GetValueOrDefault(path, path);
}
