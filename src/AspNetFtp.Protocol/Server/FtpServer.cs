using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Server;

/// <summary>
/// The FTP server: accept loops for the control port and the optional implicit FTPS port, the connection
/// limits, and the ordered stop (stop accepting, 421 to idle sessions, let transfers finish up to a grace period).
/// </summary>
public sealed class FtpServer : IHostedService, IAsyncDisposable
{
    /// <summary>After the grace period, how long the stop waits for the sessions it aborted to end.</summary>
    private static readonly TimeSpan AbortedSessionsWait = TimeSpan.FromSeconds(5);

    /// <summary>How long the 421 to a connection over a limit may take to send: a client that does not read cannot hold the socket.</summary>
    private static readonly TimeSpan RefusalSendTimeout = TimeSpan.FromSeconds(5);

    private readonly FtpServerOptions _options;
    private readonly IFtpAuthenticator _authenticator;
    private readonly IFtpFileSystemFactory _fileSystems;
    private readonly FtpEventQueue _events;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly FtpSessionRegistry _sessions;
    private readonly IFtpConnectionPreamble[] _preambles;
    private readonly FtpMetrics _metrics;
    private readonly OwnedMeterFactory? _ownedMeters;
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly List<(Socket Socket, FtpListenerKind Kind)> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly CancellationTokenSource _stopping = new();
    private FtpServerContext? _context;
    private FtpTlsContext? _tls;
    private int _sessionCount;
    private bool _started;
    private bool _accepting;

    public FtpServer(
        IOptions<FtpServerOptions> options,
        IFtpAuthenticator authenticator,
        IFtpFileSystemFactory fileSystems,
        FtpEventQueue events,
        ILoggerFactory loggerFactory,
        TimeProvider? time = null,
        IEnumerable<IFtpConnectionPreamble>? preambles = null,
        FtpMetrics? metrics = null)
    {
        _options = options.Value;
        _authenticator = authenticator;
        _fileSystems = fileSystems;
        _events = events;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<FtpServer>();
        _time = time ?? TimeProvider.System;
        _preambles = [.. preambles ?? []];
        if (metrics is null)
        {
            _ownedMeters = new OwnedMeterFactory();
            metrics = new FtpMetrics(_ownedMeters);
        }

        _metrics = metrics;
        _sessions = new FtpSessionRegistry(_time, () => TimeSpan.FromSeconds(_options.ShutdownGracePeriod));
    }

    /// <summary>The live sessions: list them, disconnect one (also registered as <see cref="IFtpSessionRegistry"/>).</summary>
    public IFtpSessionRegistry Sessions => _sessions;

    /// <summary>The bound listeners (with real ports when port 0 was asked for); empty before start.</summary>
    public IReadOnlyList<FtpListenerInfo> Listeners =>
        [.. _listeners.Select(l => new FtpListenerInfo((IPEndPoint)l.Socket.LocalEndPoint!, l.Kind))];

    /// <summary>
    /// Runs after the listeners are bound and before the first client is accepted: the place to drop
    /// privileges once ports such as 21 and 990 are held.
    /// </summary>
    public Func<CancellationToken, Task>? ListenersBound { get; set; }

    /// <summary>What every session shares; null before start (tests reach the session internals through it).</summary>
    internal FtpServerContext? Context => _context;

    /// <summary>Connections counted against <see cref="FtpServerOptions.MaxConnections"/> (sessions and connections still in their preamble).</summary>
    public int SessionCount => Volatile.Read(ref _sessionCount);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        _started = true;
        _tls = FtpTlsContext.Load(_options);
        PortRanges? ranges = null;
        if (!string.IsNullOrWhiteSpace(_options.PassivePorts) && !PortRanges.TryParse(_options.PassivePorts, out ranges, out string? error))
        {
            throw new FtpConfigurationException(nameof(FtpServerOptions.PassivePorts), error);
        }

        var passivePorts = new PassivePortPool(ranges);
        _metrics.ObservePassivePorts(passivePorts);
        _context = new FtpServerContext(
            _options, _authenticator, _fileSystems, _events, passivePorts,
            PassiveAddressSelector.FromOptions(_options), _tls, _time, _loggerFactory, _metrics);

        IPAddress address = ParseHost(_options.Host);
        try
        {
            Bind(new IPEndPoint(address, _options.Port), FtpListenerKind.Ftp);
            if (_options.ImplicitTlsPort is { } implicitPort)
            {
                if (_tls is null)
                {
                    throw new FtpConfigurationException(nameof(FtpServerOptions.ImplicitTlsPort), "implicit FTPS needs a CertificateFile (or PfxFile)");
                }

                Bind(new IPEndPoint(address, implicitPort), FtpListenerKind.ImplicitFtps);
            }
        }
        catch
        {
            CloseListeners();
            throw;
        }

        if (ListenersBound is { } listenersBound)
        {
            try
            {
                await listenersBound(cancellationToken);
            }
            catch
            {
                CloseListeners();
                throw;
            }
        }

        _accepting = true;
        foreach ((Socket socket, FtpListenerKind kind) in _listeners)
        {
            FtpLog.ListenerStarted(_logger, socket.LocalEndPoint!, kind.ToString());
            _acceptLoops.Add(AcceptLoopAsync(socket, kind));
        }

        _events.Publish(new ServerStarted(_time.GetUtcNow(), [.. _listeners.Select(l => l.Socket.LocalEndPoint!)]));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A start that failed (a bad certificate, a busy port) closed what it opened: there is nothing to stop.
        if (!_accepting || _stopping.IsCancellationRequested)
        {
            return;
        }

        FtpLog.Stopping(_logger, _sessions.Count);
        await _stopping.CancelAsync();
        CloseListeners();
        await Task.WhenAll(_acceptLoops);

        foreach (FtpSession session in _sessions.Sessions)
        {
            session.RequestShutdown();
        }

        Task all = Task.WhenAll(_sessions.Runs);
        Task grace = Task.Delay(TimeSpan.FromSeconds(_options.ShutdownGracePeriod), _time, cancellationToken);
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

        await Task.WhenAll(_sessions.Runs).WaitAsync(AbortedSessionsWait, CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);
        _events.Publish(new ServerStopped(_time.GetUtcNow()));
    }

    private void Bind(IPEndPoint endPoint, FtpListenerKind kind)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listeners.Add((socket, kind));
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
                // Out of descriptors and the like: wait a little rather than spin.
                FtpLog.AcceptFailed(_logger, ex, listener.LocalEndPoint!);
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            Admit(client, kind);
        }
    }

    private void Admit(Socket client, FtpListenerKind kind)
    {
        client.NoDelay = true;
        // Clients send ABOR (and the Telnet IP/DM before it) as TCP urgent data; keep that byte in the stream
        // rather than let the kernel take it out of band, or the command line would lose its last byte.
        client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline, true);
        if (Interlocked.Increment(ref _sessionCount) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _sessionCount);
            var refused = FtpTransport.FromSocket(client);
            Refuse(refused, kind, "too many connections", FtpMetrics.TooManyConnections);
            return;
        }

        FtpTransport transport = FtpTransport.FromSocket(client);
        if (_preambles.Length == 0)
        {
            AdmitTransport(transport, kind);
        }
        else
        {
            _ = AdmitAfterPreambleAsync(transport, kind);
        }
    }

    /// <summary>
    /// The stage between accept and admission: each preamble (the PROXY protocol) reads what comes before FTP
    /// within PreambleTimeout and may set the real client address, which the per-address limit then counts.
    /// </summary>
    private async Task AdmitAfterPreambleAsync(FtpTransport transport, FtpListenerKind kind)
    {
        bool admitted = false;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(_options.PreambleTimeout));
            foreach (IFtpConnectionPreamble preamble in _preambles)
            {
                if (!await preamble.ReadAsync(transport, deadline.Token))
                {
                    _metrics.ConnectionRefused(FtpMetrics.PreambleRefused);
                    FtpLog.ConnectionRefused(_logger, transport.RemoteEndPoint, "connection preamble refused");
                    return;
                }
            }

            admitted = true;
        }
#pragma warning disable CA1031 // A broken or slow preamble refuses one connection, never the accept loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _metrics.ConnectionRefused(FtpMetrics.PreambleRefused);
            FtpLog.ConnectionRefused(_logger, transport.RemoteEndPoint, ex is OperationCanceledException ? "connection preamble timed out" : "connection preamble failed");
        }
        finally
        {
            if (!admitted)
            {
                Interlocked.Decrement(ref _sessionCount);
                transport.Abort();
            }
        }

        if (admitted)
        {
            AdmitTransport(transport, kind);
        }
    }

    private void AdmitTransport(FtpTransport transport, FtpListenerKind kind)
    {
        // IPv6 clients are counted by prefix (a /64 by default): one subscriber holds a whole /64 and could
        // otherwise take every place with addresses of its own.
        IPAddress remote = ConnectionLimitKey.For(transport.RemoteEndPoint.Address, _options.ConnectionLimitIpv6PrefixLength);
        int fromAddress = _perAddress.AddOrUpdate(remote, 1, static (_, n) => n + 1);
        if (fromAddress > _options.MaxConnectionsPerIp)
        {
            Release(remote);
            Refuse(transport, kind, "too many connections from this address", FtpMetrics.TooManyConnectionsFromAddress);
            return;
        }

        _metrics.ConnectionAccepted();
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
            Release(remote);
        }
    }

    private void Release(IPAddress remote)
    {
        Interlocked.Decrement(ref _sessionCount);
        while (true)
        {
            int current = _perAddress.GetValueOrDefault(remote);
            if (current <= 1)
            {
                if (_perAddress.TryRemove(new KeyValuePair<IPAddress, int>(remote, current)) || current == 0)
                {
                    return;
                }
            }
            else if (_perAddress.TryUpdate(remote, current - 1, current))
            {
                return;
            }
        }
    }

    private void Refuse(FtpTransport client, FtpListenerKind kind, string reason, string metricReason)
    {
        _metrics.ConnectionRefused(metricReason);
        FtpLog.ConnectionRefused(_logger, client.RemoteEndPoint, reason);
        _ = RefuseAsync(client, kind, reason);
    }

    private static async Task RefuseAsync(FtpTransport client, FtpListenerKind kind, string reason)
    {
        try
        {
            // On the implicit port a plaintext reply would only confuse the TLS client; just close.
            if (kind == FtpListenerKind.Ftp)
            {
                byte[] reply = Encoding.ASCII.GetBytes($"421 Service not available: {reason}.\r\n");
                using var cts = new CancellationTokenSource(RefusalSendTimeout);
                await client.Stream.WriteAsync(reply, cts.Token);
                await client.Stream.FlushAsync(cts.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            await client.Stream.DisposeAsync();
        }
    }

    private void CloseListeners()
    {
        foreach ((Socket socket, _) in _listeners)
        {
            socket.Dispose();
        }
    }

    internal static IPAddress ParseHost(string host)
    {
        if (string.IsNullOrWhiteSpace(host) || host == "*")
        {
            return IPAddress.Any;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address)
            ? address
            : throw new FtpConfigurationException(nameof(FtpServerOptions.Host), $"'{host}' is not an IP address");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started && !_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
        }

        CloseListeners();
        _tls?.Dispose();
        _ownedMeters?.Dispose();
        _stopping.Dispose();
    }
}
