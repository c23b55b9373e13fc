using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Bandwidth;
using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Session;

/// <summary>What every session of one server shares.</summary>
internal sealed class FtpServerContext(
    FtpServerOptions options,
    IFtpAuthenticator authenticator,
    IFtpFileSystemFactory fileSystems,
    FtpEventQueue events,
    PassivePortPool passivePorts,
    PassiveAddressSelector passiveAddresses,
    FtpTlsContext? tls,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    FtpMetrics metrics,
    LogThrottle logThrottle,
    IFtpQuotaStore quotas,
    UserSessionCounts userSessions,
    FtpDefender defender)
{
    public FtpServerOptions Options { get; } = options;
    public IFtpAuthenticator Authenticator { get; } = authenticator;
    public IFtpFileSystemFactory FileSystems { get; } = fileSystems;
    public FtpEventQueue Events { get; } = events;
    public PassivePortPool PassivePorts { get; } = passivePorts;
    public PassiveAddressSelector PassiveAddresses { get; } = passiveAddresses;
    public FtpTlsContext? Tls { get; } = tls;
    public TimeProvider Time { get; } = time;
    public FtpMetrics Metrics { get; } = metrics;
    public ILogger Logger { get; } = loggerFactory.CreateLogger("AspNetFtp.Session");

    /// <summary>Caps the log lines each client address can cause.</summary>
    public LogThrottle LogThrottle { get; } = logThrottle;
    /// <summary>Scores client addresses for failures and bans them (<c>FtpServer:Defender</c>).</summary>
    public FtpDefender Defender { get; } = defender;

    public CommandTable Commands { get; } = CommandTable.Default;

    /// <summary>
    /// Every user's quota: the committed usage in the store (shared by nodes when the store is) and the bytes and files
    /// of the uploads running in this process, reserved in one place for all the user's sessions here.
    /// </summary>
    public QuotaLedger Quotas { get; } = new(quotas);

    /// <summary>Logged-in sessions per user, for <c>MaxSessions</c>.</summary>
    public UserSessionCounts UserSessions { get; } = userSessions;

    /// <summary>The server-wide cap of all uploads together (<c>Limits:MaxUploadBytesPerSecond</c>); null: none.</summary>
    public BandwidthLimiter? UploadCap { get; init; }

    /// <summary>The trusted balancers whose passive data connections carry a PROXY header (<c>ProxyProtocol:DataConnections</c>); null when off.</summary>
    public Connections.ProxyProtocol.ProxyProtocolPreamble? DataConnectionProxies { get; init; }

    /// <summary>The server-wide cap of all downloads together (<c>Limits:MaxDownloadBytesPerSecond</c>); null: none.</summary>
    public BandwidthLimiter? DownloadCap { get; init; }

    /// <summary>Test hook: sees each transfer's cancellation source when it is created (to prove it is released).</summary>
    public Action<CancellationTokenSource>? TransferSourceCreated { get; set; }
}
