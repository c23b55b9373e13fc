using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Transfers;

namespace AspNetFtp.Protocol.Session;

/// <summary>
/// The data side of one session (RFC 959 §3.2–3.3, RFC 4217 §9): holds the data setup (one passive listener
/// or one active address), opens the data connection, runs one transfer beside the command loop so ABOR and
/// STAT are heard, and ends it with 226, 426 or the storage's reply.
/// </summary>
internal sealed class TransferRunner
{
    /// <summary>A data connection quiet for this long before its end may belong to a killed client (see <see cref="ClientLeftAsync"/>).</summary>
    private static readonly TimeSpan QuietBeforeClose = TimeSpan.FromMilliseconds(20);

    /// <summary>How long such a client's control connection is given to close before its upload is completed.</summary>
    private static readonly TimeSpan ControlCloseGrace = TimeSpan.FromMilliseconds(200);

    private readonly FtpServerContext _server;
    private readonly ControlChannel _control;
    private readonly SessionState _state;
    private readonly IPEndPoint _remote;
    private readonly IPEndPoint _local;
    private readonly CancellationToken _sessionAborted;
    private readonly Action<DataTransfer, TransferOutcome, TransferResult> _ended;
    private Task? _running;
    private CancellationTokenSource? _cancel;
    private volatile DataConnection? _connection;
    private volatile TransferProgress? _current;
    private PendingPassiveConnection? _passive;
    private IPEndPoint? _active;

    public TransferRunner(
        FtpServerContext server,
        ControlChannel control,
        SessionState state,
        IPEndPoint remote,
        IPEndPoint local,
        Action<DataTransfer, TransferOutcome, TransferResult> ended,
        CancellationToken sessionAborted)
    {
        _server = server;
        _control = control;
        _state = state;
        _remote = remote;
        _local = local;
        _ended = ended;
        _sessionAborted = sessionAborted;
    }

    public bool IsActive => _running is { IsCompleted: false };

    public bool HasDataSetup => _passive is not null || _active is not null;

    /// <summary>The running transfer's progress, or null.</summary>
    public TransferProgress? Current => _current;

    private TimeSpan DataTimeout => _server.Options.Timeouts.Data;

    /// <summary>The certificate of the control connection's handshake (PROT P needs one), so a reload never changes it mid-session.</summary>
    private Security.FtpTlsCredentials? DataCredentials => _control.TlsCredentials ?? _server.Tls?.Current;

    // ---- data setup (PASV/EPSV, PORT/EPRT) ----

    public void ClearDataSetup()
    {
        _passive?.Dispose();
        _passive = null;
        _active = null;
    }

    /// <summary>
    /// Takes the new passive listener and accepts on it at once (under PROT P a client may start TLS before the
    /// transfer command); it closes and gives its port back after DataTimeout unless a transfer command comes.
    /// </summary>
    public void SetPassive(PassiveListener listener)
    {
        ClearDataSetup();
        _passive = new PendingPassiveConnection(
            listener, _remote.Address, DataTimeout, _server.Time,
            _state.ProtectData ? DataCredentials?.UploadOptions : null,
            remote =>
            {
                FtpLog.PortStealing(_server.Logger, _server.LogThrottle, remote);
                _server.Defender.Score(remote.Address, FtpScoreReason.RefusedDataConnection);
            },
            message => FtpLog.TlsFailed(_server.Logger, _server.LogThrottle, _remote.Address, "data", message),
            _sessionAborted,
            _server.DataConnectionProxies);
    }

    public void SetActive(IPEndPoint endPoint)
    {
        ClearDataSetup();
        _active = endPoint;
    }

    /// <summary>What must hold before a transfer command is accepted, as the reply that refuses it, or null.</summary>
    public (int Code, string Text)? CheckReady()
    {
        if ((_server.Options.Tls.EffectiveDataRequired || _state.User?.RequireTls == true) && !_state.ProtectData)
        {
            return (521, "Data connections must be encrypted: use PROT P.");
        }

        return HasDataSetup ? null : (425, "Use PORT, EPRT, PASV or EPSV first.");
    }

    // ---- running a transfer ----

    /// <summary>Starts <paramref name="transfer"/> beside the command loop; the caller has checked <see cref="CheckReady"/>.</summary>
    public void Start(DataTransfer transfer)
    {
        // Linked to the session's token and disposed when the transfer ends, so nothing of a finished transfer
        // stays referenced by the session.
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_sessionAborted);
        _server.TransferSourceCreated?.Invoke(cts);
        var progress = new TransferProgress(transfer.Verb, transfer.Direction == TransferDirection.Upload, DataTimeout)
        {
            Path = transfer.Path,
            Direction = transfer.Direction,
            StartedAt = _server.Time.GetUtcNow(),
            Time = _server.Time,
            StartTimestamp = _server.Time.GetTimestamp(),
        };
        _cancel = cts;
        _current = progress;
        _running = RunAsync(transfer, progress);
    }

    /// <summary>
    /// The running transfer's token. Read from the field at each use, never kept in a local, so that once the
    /// source is disposed (before the reply) nothing of it stays reachable from this method's state.
    /// </summary>
    private CancellationToken TransferToken => Volatile.Read(ref _cancel)?.Token ?? new CancellationToken(canceled: true);

    private async Task RunAsync(DataTransfer transfer, TransferProgress progress)
    {
        await Task.Yield();
        TransferResult result = TransferResult.Failed;
        long started = _server.Time.GetTimestamp();
        (int Code, string Text)? reply = null;
        FtpFileSystemException? storageError = null;
        DataConnection? connection = null;
        try
        {
            connection = await OpenAsync(transfer, TransferToken);
            if (connection is not null)
            {
                await transfer.RunAsync(connection, progress, TransferToken);
                await connection.CloseGracefullyAsync(_server.Options.Timeouts.DataClose);
                if (transfer.Direction == TransferDirection.Upload && await ClientLeftAsync(progress))
                {
                    // The client closed the control connection with the data: nobody will hear the 226, and the
                    // upload is not known to be whole, so it is aborted, not completed.
                    result = TransferResult.Incomplete;
                }
                else
                {
                    await transfer.CompleteAsync(TransferToken);
                    result = TransferResult.Complete;
                    reply = (226, "Transfer complete.");
                }
            }
        }
        catch (FtpFileSystemException ex)
        {
            connection?.Abort();
            storageError = ex;
        }
        catch (TimeoutException)
        {
            connection?.Abort();
            result = TransferResult.Incomplete;
            reply = (426, "Data connection timed out; transfer aborted.");
        }
        catch (Exception ex) when (FtpSession.IsDisconnect(ex) || ex is AuthenticationException)
        {
            connection?.Abort();
            result = TransferResult.Incomplete;
            if (connection is not null && !_sessionAborted.IsCancellationRequested)
            {
                reply = (426, "Connection closed; transfer aborted.");
            }
        }
#pragma warning disable CA1031 // The transfer runs detached; every failure must become a reply.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            connection?.Abort();
            FtpLog.CommandFailed(_server.Logger, ex, transfer.Verb);
            reply = (451, "Requested action aborted: local error in processing.");
        }

        // The upload is completed or aborted, the event published and the log written before the client
        // hears the end: whoever reads the reply finds the storage and the events already settled.
        _connection = null;
        TransferOutcome outcome = Outcome(result, progress, started, connection);
        await FinishQuietlyAsync(transfer, outcome);
        _current = null;
        Interlocked.Exchange(ref _cancel, null)?.Dispose();
        try
        {
            if (storageError is not null)
            {
                await Replies.StorageReplies.ReplyAsync(_control, _server.Logger, _server.LogThrottle, _remote.Address, storageError, transfer.Verb);
            }
            else if (reply is (int code, string text))
            {
                await _control.ReplyAsync(code, text);
            }
        }
        catch (Exception ex) when (FtpSession.IsDisconnect(ex))
        {
        }
        finally
        {
            _ended(transfer, outcome, result);
        }
    }

    /// <summary>
    /// Whether the client went away rather than finished. A killed client's data connection ends as cleanly as a
    /// finished one (stream mode cannot tell them apart); what tells is its control connection, which closes at the
    /// same moment, sometimes a little after the data connection. A client that finished sends its last bytes and
    /// closes in one go, and is answered at once. A data connection that went quiet before it closed may belong to a
    /// client killed while it waited for input, so the control connection gets <see cref="ControlCloseGrace"/> to
    /// close first; a control connection that closes meanwhile ends the session, which cancels the transfer.
    /// </summary>
    private async Task<bool> ClientLeftAsync(TransferProgress progress)
    {
        if (_control.PeerHasClosed)
        {
            return true;
        }

        if (progress.QuietBeforeEnd < QuietBeforeClose)
        {
            return false;
        }

        await Task.Delay(ControlCloseGrace, _server.Time, TransferToken);
        return _control.PeerHasClosed;
    }

    private TransferOutcome Outcome(TransferResult result, TransferProgress progress, long started, DataConnection? connection) =>
        new(result == TransferResult.Complete, progress.Bytes, _server.Time.GetElapsedTime(started), connection is not null);

    private async ValueTask FinishQuietlyAsync(DataTransfer transfer, TransferOutcome outcome)
    {
        try
        {
            await transfer.FinishAsync(outcome, CancellationToken.None);
        }
#pragma warning disable CA1031 // Clean-up of a detached transfer: a failure is logged, never thrown into the session.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FtpLog.CommandFailed(_server.Logger, ex, "transfer clean-up");
        }
    }

    private async Task<DataConnection?> OpenAsync(DataTransfer transfer, CancellationToken cancellationToken)
    {
        TimeSpan timeout = DataTimeout;
        DataConnection? connection = null;
        if (_passive is { } passive)
        {
            _passive = null;
            passive.TransferCommandArrived();
            PendingData data;
            using (cancellationToken.Register(static p => ((PendingPassiveConnection)p!).Dispose(), passive))
            {
                data = await passive.Connection;
            }

            passive.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                data.Connection?.Abort();
                return null;
            }

            if (data.TlsFailed)
            {
                await _control.ReplyAsync(522, "TLS negotiation on the data connection failed.");
                return null;
            }

            connection = data.Connection;
        }
        else if (_active is { } target)
        {
            _active = null;
            if (await ConnectActiveAsync(target, timeout, cancellationToken) is { } socket)
            {
                connection = new DataConnection(socket);
            }
        }

        if (connection is null)
        {
            await _control.ReplyAsync(425, "Can't open data connection.");
            return null;
        }

        _connection = connection;
        await _control.ReplyAsync(150, transfer.OpeningReply ?? (_state.TransferType == TransferType.Ascii
            ? "Opening ASCII mode data connection."
            : "Opening BINARY mode data connection."));
        if (_state.ProtectData && !connection.IsTls)
        {
            try
            {
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                handshake.CancelAfter(timeout);
                await connection.UpgradeToTlsAsync(transfer.Direction == TransferDirection.Upload
                    ? DataCredentials!.UploadOptions : DataCredentials!.DownloadOptions, handshake.Token);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException)
            {
                FtpLog.TlsFailed(_server.Logger, _server.LogThrottle, _remote.Address, "data", ex.Message);
                connection.Abort();
                _connection = null;
                if (!cancellationToken.IsCancellationRequested)
                {
                    await _control.ReplyAsync(522, "TLS negotiation on the data connection failed.");
                }

                return null;
            }
        }

        return connection;
    }

    private async Task<Socket?> ConnectActiveAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (_local.AddressFamily == target.AddressFamily)
            {
                socket.Bind(new IPEndPoint(_local.Address, 0));
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            await socket.ConnectAsync(target, cts.Token);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }

    // ---- ending transfers ----

    /// <summary>ABOR (RFC 959 §4.1.3): ends the running transfer (it replies 426), then this command's 226; without one, 225.</summary>
    public async Task AbortAsync()
    {
        if (IsActive)
        {
            await CancelAndWaitAsync();
            ClearDataSetup();
            await _control.ReplyAsync(226, "ABOR command successful.");
            return;
        }

        ClearDataSetup();
        await _control.ReplyAsync(225, "No transfer to abort; data channel closed.");
    }

    /// <summary>Cancels the running transfer, drops its connection and waits until it has ended.</summary>
    public async Task CancelAndWaitAsync()
    {
        if (!IsActive)
        {
            return;
        }

        try
        {
            Volatile.Read(ref _cancel)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The transfer ended (and disposed its source) meanwhile.
        }

        _connection?.Abort();
        await WaitAsync();
    }

    /// <summary>Drops the data connection at once (the session is being aborted).</summary>
    public void AbortConnection() => _connection?.Abort();

    public async Task WaitAsync()
    {
        if (_running is { } running)
        {
            try
            {
                await running;
            }
            catch (Exception ex) when (FtpSession.IsDisconnect(ex))
            {
            }
        }
    }
}
