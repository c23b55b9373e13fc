using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Bandwidth;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Connections.ProxyProtocol;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Defender;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;
using AspNetFtp.Protocol.Storage.Profiles;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// The FTP server: accept loops on the <see cref="ControlListeners"/>, each connection through
/// <see cref="ConnectionAdmission"/> (limits, preamble) into a session, and the ordered stop (stop accepting,
/// 421 to idle sessions, let transfers finish up to a grace period).
/// </summary>
public sealed class FtpServer : IHostedService, IAsyncDisposable
{
    private readonly FtpServerOptions _options;
    private readonly IFtpAuthenticator _authenticator;
    private readonly IFtpFileSystemFactory _fileSystems;
    private readonly FtpEventQueue _events;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly FtpSessionRegistry _sessions;
    private readonly FtpMetrics _metrics;
    private readonly OwnedMeterFactory? _ownedMeters;
    private readonly ControlListeners _listeners = new();
    private readonly ConnectionAdmission _admission;
    private readonly List<Task> _acceptLoops = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly IFtpReadinessCheck[] _readinessChecks;
    private readonly IFtpAccountStampSource? _accountStamps;
    private readonly LogThrottle _logThrottle;
    private readonly IFtpQuotaStore _quotas;
    private readonly UserSessionCounts _userSessions = new();
    private BandwidthLimiter? _uploadCap;
    private BandwidthLimiter? _downloadCap;
    private readonly FtpDefender _defender;
    private readonly bool _ownsDefender;
    /// <summary>How long an accept loop rests after an accept failed for want of resources (descriptors, memory).</summary>
    internal static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private Task _accountRecheck = Task.CompletedTask;
    private Task _tlsReload = Task.CompletedTask;
    private TlsCertificateReload? _tlsReloader;
    private FtpServerContext? _context;
    private FtpTlsContext? _tls;
    private readonly ProxyProtocolPreamble? _proxyProtocol;
    private bool _started;
    private bool _accepting;

    /// <summary>A server ready to start; normally made by DI after <c>AddFtpServer</c>.</summary>
    /// <param name="options">The validated settings.</param>
    /// <param name="authenticator">Checks USER/PASS logins.</param>
    /// <param name="fileSystems">Makes each logged-in user's file system.</param>
    /// <param name="events">Carries server and session events to the sinks.</param>
    /// <param name="loggerFactory">Creates the server's and each session's loggers.</param>
    /// <param name="time">The clock of every timeout; the system clock when null.</param>
    /// <param name="preambles">Stages run on each accepted connection before the limits count it (the PROXY protocol).</param>
    /// <param name="metrics">The <c>AspNetFtp</c> meter's instruments; a private meter when null.</param>
    /// <param name="readinessChecks">Checks run after the ports are bound and before the first client is accepted (the account tables).</param>
    /// <param name="accountStamps">The account store's view of logged-in users' accounts, for ending sessions of changed accounts; none when null.</param>
    /// <param name="quotas">Where users' quota usage is kept; in this process's memory when null.</param>
    /// <param name="defender">Scores and bans client addresses; when null, one of the server's own over bans kept in memory.</param>
    /// <param name="storageProfiles">The named storage profiles users may be on; none when null (everyone on <paramref name="fileSystems"/>).</param>
    public FtpServer(
        IOptions<FtpServerOptions> options,
        IFtpAuthenticator authenticator,
        IFtpFileSystemFactory fileSystems,
        FtpEventQueue events,
        ILoggerFactory loggerFactory,
        TimeProvider? time = null,
        IEnumerable<IFtpConnectionPreamble>? preambles = null,
        FtpMetrics? metrics = null,
        IEnumerable<IFtpReadinessCheck>? readinessChecks = null,
        IFtpAccountStampSource? accountStamps = null,
        IFtpQuotaStore? quotas = null,
        FtpDefender? defender = null,
        FtpStorageProfiles? storageProfiles = null)
    {
        _quotas = quotas ?? new InMemoryFtpQuotaStore();
        _readinessChecks = [.. readinessChecks ?? []];
        _accountStamps = accountStamps;
        _options = options.Value;
        _authenticator = authenticator;
        _fileSystems = new FtpStorageRouter(fileSystems, storageProfiles ?? FtpStorageProfiles.Empty);
        _events = events;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<FtpServer>();
        _time = time ?? TimeProvider.System;
        if (metrics is null)
        {
            _ownedMeters = new OwnedMeterFactory();
            metrics = new FtpMetrics(_ownedMeters);
        }

        _metrics = metrics;
        _sessions = new FtpSessionRegistry(_time, () => _options.Timeouts.ShutdownGrace);
        _logThrottle = new LogThrottle(_time, _options.Limits.Ipv6PrefixLength);
        _ownsDefender = defender is null;
        _defender = defender ?? new FtpDefender(
            _options.Defender, _options.Limits.Ipv6PrefixLength, new InMemoryFtpBanStore(), _time, _metrics, _events.Publish, _logger,
            _options.ProxyProtocol.Enabled ? _options.ProxyProtocol.TrustedProxies : null);
        // The PROXY header comes first on the wire, so its stage runs before any other.
        _proxyProtocol = _options.ProxyProtocol.Enabled ? new ProxyProtocolPreamble(_options.ProxyProtocol) : null;
        IFtpConnectionPreamble[] stages = _proxyProtocol is null ? [.. preambles ?? []] : [_proxyProtocol, .. preambles ?? []];
        _admission = new ConnectionAdmission(_options, stages, _metrics, _logger, _logThrottle, _defender, _stopping.Token, StartSession);
    }

    /// <summary>The live sessions: list them, disconnect one (also registered as <see cref="IFtpSessionRegistry"/>).</summary>
    public IFtpSessionRegistry Sessions => _sessions;

    /// <summary>The bound listeners (with real ports when port 0 was asked for); empty before start.</summary>
    public IReadOnlyList<FtpListenerInfo> Listeners => _listeners.Infos;

    /// <summary>
    /// Runs after the listeners are bound and before the first client is accepted: the place to drop
    /// privileges once ports such as 21 and 990 are held.
    /// </summary>
    public Func<CancellationToken, Task>? ListenersBound { get; set; }

    /// <summary>What every session shares; null before start (tests reach the session internals through it).</summary>
    internal FtpServerContext? Context => _context;

    /// <summary>Whether the server is accepting clients: started, every accept loop running, not stopping.</summary>
    public bool IsAccepting => _accepting && !_stopping.IsCancellationRequested && _acceptLoops.TrueForAll(static loop => !loop.IsCompleted);

    /// <summary>
    /// Why the server did not start, when <see cref="FtpServerOptions.StopApplicationOnStartFailure"/> is off and the
    /// start failed (the exception's message); null otherwise.
    /// </summary>
    public string? StartProblem { get; private set; }

    /// <summary>Connections counted against <see cref="FtpLimitOptions.MaxConnections"/> (sessions and connections still in their preamble).</summary>
    public int SessionCount => _admission.Count;

    /// <summary>
    /// Loads the TLS certificate, binds the control (and implicit FTPS) listeners, runs <see cref="ListenersBound"/>,
    /// then starts accepting and publishes <see cref="ServerStarted"/>.
    /// </summary>
    /// <exception cref="FtpConfigurationException">A setting (certificate, passive ports, address) is unusable.</exception>
    /// <exception cref="InvalidOperationException">The server was started before.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        _started = true;
        _tls = FtpTlsContext.Load(_options);
        string? portText = _options.DataChannel.PassivePorts;
        PortRanges? ranges = null;
        if (!string.IsNullOrWhiteSpace(portText) && !PortRanges.TryParse(portText, out ranges, out string? error))
        {
            throw new FtpConfigurationException(_options.SettingOf("DataChannel:PassivePorts"), error);
        }

        var passivePorts = new PassivePortPool(ranges);
        _metrics.ObservePassivePorts(passivePorts);
        _uploadCap = _options.Limits.MaxUploadBytesPerSecond > 0 ? new BandwidthLimiter(_options.Limits.MaxUploadBytesPerSecond) : null;
        _downloadCap = _options.Limits.MaxDownloadBytesPerSecond > 0 ? new BandwidthLimiter(_options.Limits.MaxDownloadBytesPerSecond) : null;
        _context = new FtpServerContext(
            _options, _authenticator, _fileSystems, _events, passivePorts,
            PassiveAddressSelector.FromOptions(_options), _tls, _time, _loggerFactory, _metrics, _logThrottle, _quotas, _userSessions, _defender)
        {
            UploadCap = _uploadCap,
            DownloadCap = _downloadCap,
            DataConnectionProxies = _options.ProxyProtocol.DataConnections ? _proxyProtocol : null,
        };

        try
        {
            await BindAndCheckAsync(cancellationToken);
        }
        catch (FtpStartupException ex) when (!_options.StopApplicationOnStartFailure)
        {
            StartProblem = ex.Message;
            FtpLog.StartFailedApplicationContinues(_logger, ex, ex.Message);
            return;
        }

        // The bans kept in the store are in force before the first client is accepted (a failing store starts the
        // server with the bans it could read: none).
        await _defender.StartAsync(cancellationToken);
        _accepting = true;
        foreach ((Socket socket, FtpListenerKind kind) in _listeners.All)
        {
            FtpLog.ListenerStarted(_logger, socket.LocalEndPoint!, kind.ToString());
            _acceptLoops.Add(AcceptLoopAsync(socket, kind));
        }

        if (_options.EndSessionsOnAccountChange && _accountStamps is not null)
        {
            var recheck = new AccountRecheck(_sessions, _accountStamps, _options.Timeouts.AccountRecheck, _time, _logger);
            _accountRecheck = recheck.RunAsync(_stopping.Token);
        }

        if (_tls is not null)
        {
            _tlsReloader = new TlsCertificateReload(_tls, _options.Tls.ReloadCheckInterval, _time, _events, _metrics, _logger);
            if (_options.Tls.ReloadCheckInterval > TimeSpan.Zero)
            {
                _tlsReload = _tlsReloader.RunAsync(_stopping.Token);
            }
        }

        _events.Publish(new ServerStarted(_time.GetUtcNow(), [.. _listeners.All.Select(l => l.Socket.LocalEndPoint!)]));
    }

    /// <summary>
    /// Binds the listeners, runs <see cref="ListenersBound"/> (privilege drop, the host's migrations), then the
    /// readiness checks; whatever fails closes the listeners again.
    /// </summary>
    /// <exception cref="FtpStartupException">A port could not be bound, or a readiness check found something broken.</exception>
    private async Task BindAndCheckAsync(CancellationToken cancellationToken)
    {
        _listeners.BindAll(_options, _tls is not null);
        try
        {
            if (ListenersBound is { } listenersBound)
            {
                await listenersBound(cancellationToken);
            }

            foreach (IFtpReadinessCheck check in _readinessChecks)
            {
                FtpReadiness readiness = await check.CheckAsync(cancellationToken);
                if (readiness.Status == FtpReadinessStatus.Broken)
                {
                    throw new FtpStartupException(readiness.Problem ?? check.GetType().Name + " failed");
                }

                if (readiness.Status == FtpReadinessStatus.Unavailable)
                {
                    FtpLog.ReadinessUnavailable(_logger, readiness.Problem ?? check.GetType().Name);
                }
            }
        }
        catch
        {
            _listeners.Close();
            throw;
        }
    }

    /// <summary>
    /// Looks at the TLS certificate files now, as the periodic look of <c>Tls:ReloadCheckInterval</c> does (also when
    /// that look is off): a renewed pair is taken for new handshakes and logged, a broken one is logged and the current
    /// pair stays. Open sessions keep the certificate they shook hands with.
    /// </summary>
    /// <returns>What the look found; null when the server has no certificate or is not started.</returns>
    public FtpTlsReloadResult? ReloadTlsCertificate() => _tlsReloader?.CheckOnce();

    /// <summary>
    /// Stops accepting, sends 421 to sessions between commands, lets running transfers finish for up to
    /// <c>Timeouts:ShutdownGrace</c> (or until <paramref name="cancellationToken"/> is cancelled), then aborts what is
    /// left and publishes <see cref="ServerStopped"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A start that failed (a bad certificate, a busy port) closed what it opened: there is nothing to stop.
        if (!_accepting || _stopping.IsCancellationRequested)
        {
            return;
        }

        FtpLog.Stopping(_logger, _sessions.Count);
        await _stopping.CancelAsync();
        _listeners.Close();
        await Task.WhenAll(_acceptLoops);
        await _accountRecheck;
        await _tlsReload;
        await _defender.StopAsync();

        foreach (FtpSession session in _sessions.Sessions)
        {
            session.RequestShutdown();
        }

        Task all = Task.WhenAll(_sessions.Runs);
        Task grace = Task.Delay(_options.Timeouts.ShutdownGrace, _time, cancellationToken);
        try
        {
            await Task.WhenAny(all, grace);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (FtpSession session in _sessions.Sessions)
        {
            session.Abort();
        }

        await Task.WhenAll(_sessions.Runs).WaitAsync(_options.Timeouts.ShutdownAbort, CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);
        _events.Publish(new ServerStopped(_time.GetUtcNow()));
    }

    private async Task AcceptLoopAsync(Socket listener, FtpListenerKind kind)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset
                or SocketError.OperationAborted or SocketError.Interrupted)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }
            catch (SocketException ex)
            {
                // Out of descriptors and the like: wait a little rather than spin, but never past a stop.
                FtpLog.AcceptFailed(_logger, ex, listener.LocalEndPoint!);
                try
                {
                    await Task.Delay(AcceptRetryDelay, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            _admission.Admit(client, kind);
        }
    }

    private void StartSession(FtpTransport transport, FtpListenerKind kind, IPAddress remote)
    {
        var session = new FtpSession(_context!, transport, kind == FtpListenerKind.ImplicitFtps);
        var started = new TaskCompletionSource();
        _sessions.Add(session, RunSessionAsync(session, remote, started.Task));
        started.SetResult();
    }

    private async Task RunSessionAsync(FtpSession session, IPAddress remote, Task started)
    {
        await started;
        await Task.Yield();
        _metrics.SessionOpened();
        try
        {
            await session.RunAsync();
        }
#pragma warning disable CA1031 // A session's failure must never take the server down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FtpLog.CommandFailed(_logger, ex, "session");
        }
        finally
        {
            _sessions.Remove(session);
            _metrics.SessionClosed();
            _admission.Release(remote);
        }
    }

    /// <summary>Stops the server if it is running and closes its listeners.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_started && !_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
        }

        _listeners.Close();
        if (_ownsDefender)
        {
            await _defender.DisposeAsync();
        }

        _tls?.Dispose();
        _ownedMeters?.Dispose();
        _logThrottle.Dispose();
        _uploadCap?.Dispose();
        _downloadCap?.Dispose();
        _stopping.Dispose();
    }
}
