using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Bandwidth;
using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Metrics;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Replies;
using AspNetFtp.Protocol.Transfers;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Session;

/// <summary>
/// One FTP session (RFC 959 §5.4): the command loop over its <see cref="ControlChannel"/>, the timers, and the
/// lifecycle (greeting, REIN, shutdown, disconnect, clean-up). Commands go through the table's checks
/// (<see cref="CommandChecks"/>) to handlers that see only a <see cref="FtpCommandContext"/>; transfers run
/// in the <see cref="TransferRunner"/> beside the loop.
/// </summary>
internal sealed class FtpSession
{
    private static long s_nextId;

    private readonly FtpServerContext _server;
    private readonly CancellationTokenSource _aborted = new();
    private readonly SessionLogScope _scope;
    private readonly ControlChannel _control;
    private readonly TransferRunner _transfers;
    private readonly SessionState _state = new();
    private readonly FtpCommandContext _context;
    private ITimer? _idleTimer;
    private BandwidthLimiter? _uploadRate;
    private BandwidthLimiter? _downloadRate;
    private volatile bool _timedOut;
    private volatile bool _shutdownRequested;
    private volatile bool _disconnectRequested;
    private volatile string _disconnectReply = AdministratorDisconnect;
    private bool _closing;
    private int _protocolErrors;
    private bool _spoke;
    private readonly bool _proxyOwnConnection;
    private bool _connectedPublished;
    private volatile string? _lastCommand;
    private long _lastCommandTicks;

    public FtpSession(FtpServerContext server, FtpTransport transport, bool implicitTls)
    {
        _server = server;
        Id = Interlocked.Increment(ref s_nextId).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        RemoteEndPoint = transport.RemoteEndPoint;
        ProxyEndPoint = transport.ProxyEndPoint;
        LocalEndPoint = transport.LocalEndPoint;
        IsImplicitTls = implicitTls;
        _proxyOwnConnection = transport.IsProxyOwnConnection;
        ConnectedAt = server.Time.GetUtcNow();
        _scope = new SessionLogScope(Id, RemoteEndPoint, ProxyEndPoint);
        _control = new ControlChannel(transport, server.Time, server.Logger, server.LogThrottle, () => CurrentTimeout, OnWriteDeadlinePassed, _aborted.Token);
        _transfers = new TransferRunner(server, _control, _state, RemoteEndPoint, LocalEndPoint, OnTransferEnded, _aborted.Token);
        _context = new FtpCommandContext(this, _control, _transfers, _state, server);
    }

    public string Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>The load balancer the session came through (PROXY protocol); null for a direct client.</summary>
    public IPEndPoint? ProxyEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    public bool IsImplicitTls { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken Aborted => _aborted.Token;

    // ---- what the session registry reads (any thread) ----

    public string? UserName => _state.User?.Name;

    public bool IsTls => _control.IsTls;

    public string? LastCommand => _lastCommand;

    public DateTimeOffset? LastCommandAt =>
        Interlocked.Read(ref _lastCommandTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public Data.TransferProgress? CurrentTransfer => _transfers.Current;

    private ILogger Logger => _server.Logger;

    private TimeSpan CurrentTimeout => _state.IsLoggedIn ? _server.Options.Timeouts.Idle : _server.Options.Timeouts.Login;

    public async Task RunAsync()
    {
        using IDisposable? scope = Logger.BeginScope(_scope);
        FtpLog.ConnectionAccepted(Logger);
        if (!_proxyOwnConnection)
        {
            PublishConnected();
        }

        try
        {
            if (IsImplicitTls)
            {
                if (!await UpgradeToTlsAsync())
                {
                    return;
                }

                // Implicit FTPS protects data by default; PBSZ/PROT may still be sent.
                _state.ProtectData = true;
                _state.ProtectionBufferSizeSet = true;
            }

            await _control.ReplyAsync(220, _server.Options.Banner);
            _idleTimer = _server.Time.CreateTimer(static s => ((FtpSession)s!).OnIdleTimer(), this, CurrentTimeout, Timeout.InfiniteTimeSpan);
            await CommandLoopAsync();
        }
        catch (Exception ex) when (IsDisconnect(ex))
        {
            // The client went away or the session was aborted.
        }
        finally
        {
            await CleanUpAsync();
        }
    }

    private async Task CommandLoopAsync()
    {
        while (!_closing)
        {
            if (_disconnectRequested)
            {
                await _transfers.CancelAndWaitAsync();
                await _control.ReplyAsync(421, _disconnectReply);
                return;
            }

            if (_shutdownRequested && !_transfers.IsActive)
            {
                await _control.ReplyAsync(421, "Server shutting down; closing control connection.");
                return;
            }

            (LineOutcome outcome, string? line) = await _control.ReadLineAsync();
            if (!_spoke && IsSessionCommand(outcome, line))
            {
                _spoke = true;
                FtpLog.SessionStarted(Logger);
                PublishConnected();
            }

            switch (outcome)
            {
                case LineOutcome.Line:
                    // Before login the timer runs from the connection; commands do not extend it.
                    if (_state.IsLoggedIn)
                    {
                        ArmIdleTimer();
                    }

                    await DispatchAsync(line!);
                    break;
                case LineOutcome.TooLong:
                    await ProtocolErrorAsync(500, "Command line too long.");
                    break;
                case LineOutcome.BareLineFeed:
                    await ProtocolErrorAsync(500, "Command lines must end with CRLF.");
                    break;
                case LineOutcome.ContainsNul:
                    await ProtocolErrorAsync(501, "NUL characters are not allowed in commands.");
                    break;
                case LineOutcome.Interrupted when _timedOut:
                    FtpLog.TimedOut(Logger);
                    await _control.ReplyAsync(421, "Timeout; closing control connection.");
                    return;
                case LineOutcome.Interrupted:
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// Whether a read shows a session rather than a health check: any command line but QUIT (HAProxy's tcp-check and
    /// monitoring probes connect, wait for 220 and send QUIT or nothing at all).
    /// </summary>
    private static bool IsSessionCommand(LineOutcome outcome, string? line) => outcome switch
    {
        LineOutcome.Line => !string.Equals(CommandLine.Split(line!).Verb, "QUIT", StringComparison.OrdinalIgnoreCase),
        LineOutcome.TooLong or LineOutcome.BareLineFeed or LineOutcome.ContainsNul => true,
        _ => false,
    };

    private async Task DispatchAsync(string line)
    {
        (string verb, string argument) = CommandLine.Split(line);
        if (!_server.Commands.TryGet(verb, out FtpCommand? command))
        {
            await ProtocolErrorAsync(500, verb.Length == 0 ? "Empty command." : $"'{ReplyText.Truncate(verb, 16)}': command not understood.");
            return;
        }

        _protocolErrors = 0;
        _lastCommand = command.Verb;
        Interlocked.Exchange(ref _lastCommandTicks, _server.Time.GetUtcNow().UtcTicks);
        FtpLog.Command(Logger, verb);
        if (_transfers.IsActive && !command.AllowedDuringTransfer)
        {
            await _transfers.WaitAsync();
        }

        await CommandChecks.RunAsync(_context, command, new CommandRequest(command.Verb, argument));
        await EndIfBannedAsync();
    }

    /// <summary>
    /// A session not logged in whose address the defender has just banned (its own failures, or another session's)
    /// gets 421 and ends, as a new connection from it would; a logged-in session goes on.
    /// </summary>
    private async ValueTask<bool> EndIfBannedAsync()
    {
        if (_state.IsLoggedIn || _closing || !_server.Defender.IsBanned(RemoteEndPoint.Address))
        {
            return false;
        }

        await _control.ReplyAsync(421, "Service not available: this address is banned.");
        _closing = true;
        return true;
    }

    private async ValueTask ProtocolErrorAsync(int code, string text)
    {
        if (!_state.IsLoggedIn)
        {
            _server.Defender.Score(RemoteEndPoint.Address, FtpScoreReason.CommandError);
        }

        await _control.ReplyAsync(code, text);
        if (await EndIfBannedAsync())
        {
            return;
        }

        if (++_protocolErrors >= _server.Options.Limits.MaxProtocolErrors)
        {
            FtpLog.TooManyErrors(Logger, _server.LogThrottle, RemoteEndPoint.Address, _protocolErrors);
            await _control.ReplyAsync(421, "Too many errors; closing control connection.");
            _closing = true;
        }
    }

    // ---- lifecycle acts (the server, the registry and the command context call these) ----

    /// <summary>Asks the session to end: idle sessions get 421 at once, running transfers finish first.</summary>
    public void RequestShutdown()
    {
        _shutdownRequested = true;
        if (!_transfers.IsActive)
        {
            _control.Interrupt();
        }
    }

    /// <summary>The 421 text of a session ended through the registry.</summary>
    public const string AdministratorDisconnect = "Disconnected by the server administrator.";

    /// <summary>The 421 text of a session ended because its account changed (password, lockout, deletion).</summary>
    public const string AccountChangedDisconnect = "Account changed; log in again.";

    /// <summary>The account this session logged in as; null before login.</summary>
    public FtpUser? User => _state.User;

    /// <summary>Ends the session on request: a running transfer ends as incomplete (426), then 421 and close.</summary>
    public void RequestDisconnect(string reply = AdministratorDisconnect)
    {
        _disconnectReply = reply;
        _disconnectRequested = true;
        // The transfer ends now (426), also when a queued command is waiting for it; the loop then says 421.
        _ = _transfers.CancelAndWaitAsync();
        _control.Interrupt();
    }

    /// <summary>Ends the session at once (after the stop grace period, or when a reply cannot be written in time).</summary>
    public void Abort()
    {
        _closing = true;
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session has already ended.
        }

        _transfers.AbortConnection();
        _control.Abort();
    }

    /// <summary>
    /// Makes <paramref name="user"/> this session's user; the caller has taken its place in
    /// <see cref="FtpServerContext.UserSessions"/>, given back by REIN or the session's end.
    /// </summary>
    public void SignIn(FtpUser user, IFtpFileSystem fileSystem, SessionQuota? quota)
    {
        _state.SignIn(user, fileSystem);
        Quota = quota;
        _uploadRate = user.Limits.UploadBytesPerSecond is > 0 and long up ? new BandwidthLimiter(up) : null;
        _downloadRate = user.Limits.DownloadBytesPerSecond is > 0 and long down ? new BandwidthLimiter(down) : null;
        _scope.User = user.Name;
        ArmIdleTimer();
    }

    /// <summary>The user's quota usage as this session keeps it current; null when not tracked.</summary>
    public SessionQuota? Quota { get; private set; }

    /// <summary>The rates a transfer of <paramref name="direction"/> obeys; null when it has none (the usual case: nothing to pay).</summary>
    public TransferRate? RateFor(TransferDirection direction) => direction switch
    {
        TransferDirection.Upload => TransferRate.For(_uploadRate, _server.UploadCap),
        TransferDirection.Download => TransferRate.For(_downloadRate, _server.DownloadCap),
        _ => null,
    };

    /// <summary>Gives back what the login took: its place among the user's sessions and its rate limiters.</summary>
    private void SignOut()
    {
        if (_state.User is { } user)
        {
            _server.UserSessions.Leave(user.Name);
        }

        Quota = null;
        _uploadRate?.Dispose();
        _uploadRate = null;
        _downloadRate?.Dispose();
        _downloadRate = null;
    }

    /// <summary>REIN (RFC 959 §4.1.1): back to "no user", keeping the control connection and its TLS.</summary>
    public void Reinitialize()
    {
        if (_state.User is not null)
        {
            Publish(new LoggedOut(_server.Time.GetUtcNow()));
        }

        SignOut();
        _state.Reset();
        _transfers.ClearDataSetup();
        _scope.User = null;
        ArmIdleTimer();
    }

    public void Close() => _closing = true;

    public async Task<bool> UpgradeToTlsAsync()
    {
        if (await _control.UpgradeToTlsAsync(_server.Tls!.Current, _server.Options.Timeouts.Data))
        {
            return true;
        }

        _closing = true;
        return false;
    }

    public void Publish(FtpEvent e)
    {
        if (!_server.Events.HasSinks)
        {
            return;
        }

        _server.Events.Publish(e with { SessionId = Id, RemoteEndPoint = RemoteEndPoint, UserName = e.UserName ?? _state.User?.Name });
    }

    // ---- timers and clean-up ----

    private void OnTransferEnded(DataTransfer transfer, TransferOutcome outcome, TransferResult result)
    {
        FtpMetrics metrics = _server.Metrics;
        if (transfer.Direction == TransferDirection.Upload)
        {
            metrics.BytesReceived(outcome.Bytes);
        }
        else
        {
            metrics.BytesSent(outcome.Bytes);
        }

        metrics.TransferEnded(
            transfer.Direction switch
            {
                TransferDirection.Upload => FtpMetrics.Upload,
                TransferDirection.Download => FtpMetrics.Download,
                _ => FtpMetrics.Listing,
            },
            result switch
            {
                TransferResult.Complete => FtpMetrics.Complete,
                TransferResult.Incomplete => FtpMetrics.Incomplete,
                _ => FtpMetrics.Failed,
            },
            outcome.Duration);

        if (_shutdownRequested)
        {
            _ = InterruptOnceTransferEndedAsync();
        }

        ArmIdleTimer();
    }

    /// <summary>
    /// A stop asked while a transfer ran: the command loop says 421 once the transfer is over. This runs inside the
    /// transfer, which counts as running until it returns, so the loop is woken only after the transfer has ended;
    /// woken earlier it would see the transfer still running and wait for a command the client may never send.
    /// </summary>
    private async Task InterruptOnceTransferEndedAsync()
    {
        await Task.Yield();
        await _transfers.WaitAsync();
        _control.Interrupt();
    }

    private void OnWriteDeadlinePassed()
    {
        FtpLog.WriteTimedOut(Logger, _server.LogThrottle, RemoteEndPoint.Address, CurrentTimeout.TotalSeconds);
        Abort();
    }

    private void ArmIdleTimer() => _idleTimer?.Change(CurrentTimeout, Timeout.InfiniteTimeSpan);

    private void OnIdleTimer()
    {
        if (_transfers.IsActive)
        {
            // A transfer in progress is not idleness.
            ArmIdleTimer();
            return;
        }

        _timedOut = true;
        _control.Interrupt();
    }

    /// <summary>
    /// <see cref="ClientConnected"/>, once: at accept for a client; for a proxy's own connection (a balancer's health
    /// check: header without a client, then 220 and QUIT or nothing) only once it sends a command other than QUIT, so
    /// checks every second do not fill the audit log and the webhooks with two events each.
    /// </summary>
    private void PublishConnected()
    {
        if (!_connectedPublished)
        {
            _connectedPublished = true;
            Publish(new ClientConnected(ConnectedAt));
        }
    }

    private async Task CleanUpAsync()
    {
        _closing = true;
        _idleTimer?.Dispose();
        if (!_state.EverLoggedIn && !_shutdownRequested)
        {
            _server.Defender.Score(RemoteEndPoint.Address, FtpScoreReason.ConnectionWithoutLogin);
        }

        await _transfers.CancelAndWaitAsync();
        _transfers.ClearDataSetup();
        if (_state.User is not null)
        {
            Publish(new LoggedOut(_server.Time.GetUtcNow()));
        }

        SignOut();
        DateTimeOffset now = _server.Time.GetUtcNow();
        if (_connectedPublished)
        {
            Publish(new ClientDisconnected(now) { Duration = now - ConnectedAt });
        }
        if (_spoke)
        {
            FtpLog.SessionEnded(Logger);
        }
        else
        {
            FtpLog.ConnectionClosedWithoutCommand(Logger);
        }

        await _control.DisposeAsync();
        _aborted.Cancel();
        _aborted.Dispose();
    }

    public static bool IsDisconnect(Exception ex) =>
        ex is (IOException and not FtpFileSystemException) or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException;
}
