using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// The <c>FtpServer</c> configuration section. Defaults follow pyftpdlib and vsftpd where they agree;
/// every value is validated at start by <see cref="FtpServerOptionsValidator"/>.
/// </summary>
public sealed class FtpServerOptions
{
    public const string SectionName = "FtpServer";

    /// <summary>The <c>FtpServer</c> section of an application's configuration, or the configuration itself when it is that section already.</summary>
    public static IConfiguration SectionOf(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(SectionName);
        return section.Exists() ? section : configuration;
    }

    /// <summary>Address to listen on (django-ftpserver's FTPSERVER_HOST). Default 0.0.0.0.</summary>
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>Control port (FTPSERVER_PORT). 0 picks a free port. Default 21.</summary>
    public int Port { get; set; } = 21;

    /// <summary>Port of the implicit FTPS listener (TLS from the first byte, traditionally 990); null for none, 0 for a free port.</summary>
    public int? ImplicitTlsPort { get; set; }

    /// <summary>Passive port ranges such as <c>30000-30100</c> or <c>12345,30000-50000</c>; empty for any free port.</summary>
    public string? PassivePorts { get; set; }

    /// <summary>Address announced in PASV replies to clients outside <see cref="PassiveAddressRules"/>.</summary>
    public string? MasqueradeAddress { get; set; }

    /// <summary>Per client network passive address: first matching rule wins; an empty address means the control connection's own.</summary>
    public List<PassiveAddressRule> PassiveAddressRules { get; set; } = [];

    /// <summary>PEM certificate for FTPS (FTPSERVER_CERTFILE). May hold the key too.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key (FTPSERVER_KEYFILE); defaults to the certificate file.</summary>
    public string? KeyFile { get; set; }

    /// <summary>PKCS#12 file holding certificate and key, instead of PEM files.</summary>
    public string? PfxFile { get; set; }

    public string? PfxPassword { get; set; }

    /// <summary>Refuse USER/PASS before AUTH TLS. Defaults to true when a certificate is configured.</summary>
    public bool? TlsControlRequired { get; set; }

    /// <summary>Refuse transfers without PROT P. Defaults to true when a certificate is configured.</summary>
    public bool? TlsDataRequired { get; set; }

    /// <summary>
    /// Idle timeout of a logged-in session in seconds (FTPSERVER_TIMEOUT; pyftpdlib's default 300). Also the
    /// deadline of each reply written after login: a client that stops reading is closed when it passes.
    /// </summary>
    public int Timeout { get; set; } = 300;

    /// <summary>Seconds a client has to log in after connecting; also the deadline of each reply written before login.</summary>
    public int LoginTimeout { get; set; } = 60;

    /// <summary>
    /// Seconds to wait for a data connection to be established, for a stalled transfer or listing to move, and
    /// for a transfer command to come after PASV/EPSV (the passive port is given back after it).
    /// </summary>
    public int DataTimeout { get; set; } = 60;

    /// <summary>
    /// Seconds a connection preamble (such as a PROXY protocol header; only when a preamble stage is registered)
    /// may take to arrive before the connection is dropped.
    /// </summary>
    public int PreambleTimeout { get; set; } = 10;

    /// <summary>Sessions in all; past it, 421 on connect. vsftpd's max_clients is 2000 with its default of 0 meaning unlimited.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>Sessions per client address (per IPv6 prefix, see <see cref="ConnectionLimitIpv6PrefixLength"/>); past it, 421 on connect.</summary>
    public int MaxConnectionsPerIp { get; set; } = 64;

    /// <summary>
    /// IPv6 clients count against <see cref="MaxConnectionsPerIp"/> by this prefix length (1-128): a subscriber
    /// usually holds a whole /64 (RFC 6177), so counting single addresses would not limit anyone. 128 counts each
    /// address alone. IPv4 (and IPv4-mapped IPv6) clients always count by their address.
    /// </summary>
    public int ConnectionLimitIpv6PrefixLength { get; set; } = 64;

    /// <summary>Failed logins before the session is closed (vsftpd's max_login_fails is 3).</summary>
    public int MaxLoginFailures { get; set; } = 3;

    /// <summary>Seconds to wait before answering a failed login (vsftpd's delay_failed_login is 1).</summary>
    public double LoginFailureDelay { get; set; } = 1;

    /// <summary>Malformed or unknown commands in a row before the session is closed.</summary>
    public int MaxProtocolErrors { get; set; } = 10;

    /// <summary>The 220 greeting.</summary>
    public string Banner { get; set; } = "AspNetFtp ready.";

    /// <summary>Send plain-channel downloads of local files with zero-copy sendfile (FTPSERVER_SENDFILE).</summary>
    public bool UseSendfile { get; set; } = true;

    /// <summary>Seconds running transfers may go on after a stop is requested.</summary>
    public int ShutdownGracePeriod { get; set; } = 30;

    /// <summary>Allow PORT/EPRT to an address other than the client's own (FTP bounce). Off by default.</summary>
    public bool AllowForeignDataAddress { get; set; }

    /// <summary>Allow PORT/EPRT to ports below 1024. Off by default.</summary>
    public bool AllowPrivilegedDataPorts { get; set; }

    /// <summary>Cache verified credentials so repeated logins skip the password hash (the version stamp still checks).</summary>
    public bool CredentialCacheEnabled { get; set; } = true;

    /// <summary>Seconds a cached verified credential stays valid.</summary>
    public int CredentialCacheLifetime { get; set; } = 300;

    /// <summary>Most verified credentials kept at once.</summary>
    public int CredentialCacheSize { get; set; } = 10_000;

    /// <summary>True when a certificate is configured (PEM or PFX).</summary>
    public bool TlsConfigured => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(PfxFile);

    public bool EffectiveTlsControlRequired => TlsConfigured && (TlsControlRequired ?? true);

    public bool EffectiveTlsDataRequired => TlsConfigured && (TlsDataRequired ?? true);

    /// <summary>Events each sink's queue holds; past it new events are dropped for that sink (and counted).</summary>
    public int EventQueueCapacity { get; set; } = 10_000;

    /// <summary>Seconds each sink may go on receiving its queued events on stop before its token is cancelled.</summary>
    public int EventDrainTimeout { get; set; } = 5;
}
