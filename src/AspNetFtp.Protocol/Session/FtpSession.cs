using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Replies;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Session;

/// <summary>
/// One control connection: reads command lines from a pipe, runs them through the command table and
/// writes replies. Transfers run beside the command loop so ABOR and STAT are heard while they go on.
/// </summary>
internal sealed partial class FtpSession
{
    /// <summary>The longest command line accepted, CRLF included.</summary>
    public const int MaxLineLength = 8192;

    private static long s_nextId;
    private static readonly StreamPipeReaderOptions ReaderOptions =
        new(pool: null, bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true);

    private readonly FtpServerContext _ctx;
    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _sessionCts = new();
    private readonly SessionLogScope _scope;
    private Stream _stream;
    private volatile PipeReader _reader;
    private ITimer? _idleTimer;
    private WriteDeadline? _writeDeadline;
    private volatile bool _timedOut;
    private volatile bool _shutdownRequested;
    private bool _closing;
    private bool _discardingLongLine;
    private int _protocolErrors;
    private Task? _transfer;
    private CancellationTokenSource? _transferCts;
    private volatile DataConnection? _currentData;
    private PassiveListener? _passive;
    private IPEndPoint? _activeEndPoint;
    private SslStream? _controlTls;

    public FtpSession(FtpServerContext context, Socket socket, bool implicitTls)
    {
        _ctx = context;
        _socket = socket;
        _network = new NetworkStream(socket, ownsSocket: true);
        _stream = _network;
        _reader = PipeReader.Create(_network, ReaderOptions);
        Id = Interlocked.Increment(ref s_nextId).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        RemoteEndPoint = Normalize((IPEndPoint)socket.RemoteEndPoint!);
        LocalEndPoint = Normalize((IPEndPoint)socket.LocalEndPoint!);
        IsImplicitTls = implicitTls;
        _scope = new SessionLogScope(Id, RemoteEndPoint);
    }

    public string Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    public bool IsImplicitTls { get; }

    public FtpServerContext Context => _ctx;

    public FtpServerOptions Options => _ctx.Options;

    public ILogger Logger => _ctx.Logger;

    // ---- session state (RFC 959 §5.4 state diagrams; RFC 4217 protection state) ----

    public string? PendingUserName { get; set; }

    public FtpUser? User { get; private set; }

    public IFtpFileSystem? FileSystem { get; private set; }

    public bool IsLoggedIn => User is not null;

    public FtpPath CurrentDirectory { get; set; } = FtpPath.Root;

    public TransferType TransferType { get; set; } = TransferType.Ascii;

    public long RestartOffset { get; set; }

    public FtpPath? RenameFrom { get; set; }

    public bool EpsvAll { get; set; }

    public bool IsTlsActive => _controlTls is not null;

    public bool ProtectionBufferSizeSet { get; set; }

    public bool ProtectData { get; set; }

    public int FailedLogins { get; set; }

    public HashAlgorithmKind HashAlgorithm { get; set; } = HashAlgorithmKind.Sha256;

    public MlstFacts SelectedFacts { get; set; } = MlstFacts.Default;

    public TransferProgress? CurrentTransfer { get; private set; }

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken SessionAborted => _sessionCts.Token;

    public bool TransferActive => _transfer is { IsCompleted: false };

    public bool HasDataSetup => _passive is not null || _activeEndPoint is not null;

    public async Task RunAsync()
    {
        using IDisposable? scope = Logger.BeginScope(_scope);
        FtpLog.SessionStarted(Logger);
        Publish(new ClientConnected(Now));
        try
        {
            if (IsImplicitTls)
            {
                if (!await UpgradeControlToTlsAsync())
                {
                    return;
                }

                // Implicit FTPS protects data by default; PBSZ/PROT may still be sent.
                ProtectData = true;
                ProtectionBufferSizeSet = true;
            }

            await ReplyAsync(220, Options.Banner);
            _idleTimer = _ctx.Time.CreateTimer(static s => ((FtpSession)s!).OnIdleTimer(), this, CurrentTimeout, Timeout.InfiniteTimeSpan);
            while (!_closing)
            {
                if (_shutdownRequested && !TransferActive)
                {
                    await ReplyAsync(421, "Server shutting down; closing control connection.");
                    break;
                }

                (LineOutcome outcome, string? line) = await ReadLineAsync();
                switch (outcome)
                {
                    case LineOutcome.Line:
                        // Before login the timer runs from the connection; commands do not extend it.
                        if (IsLoggedIn)
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
                        await ReplyAsync(421, "Timeout; closing control connection.");
                        _closing = true;
                        break;
                    case LineOutcome.Interrupted:
                        break;
                    default:
                        _closing = true;
                        break;
                }
            }
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

    /// <summary>Asks the session to end: idle sessions get 421 at once, running transfers finish first.</summary>
    public void RequestShutdown()
    {
        _shutdownRequested = true;
        if (!TransferActive)
        {
            _reader.CancelPendingRead();
        }
    }

    /// <summary>Ends the session at once (after the stop grace period, or when a reply cannot be written in time).</summary>
    public void Abort()
    {
        _closing = true;
        try
        {
            _sessionCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session has already ended.
        }

        _currentData?.Abort();
        try
        {
            _socket.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    // ---- replies ----

    public ValueTask ReplyAsync(int code, string text) => WriteAsync(string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"{code} {ReplyText.Sanitize(text)}\r\n"));

    /// <summary>A multi-line reply (RFC 959 §4.2): <c>code-first</c>, the lines, <c>code last</c>.</summary>
    public ValueTask ReplyMultilineAsync(int code, string first, IEnumerable<string> lines, string last)
    {
        var sb = new StringBuilder();
        sb.Append(code).Append('-').Append(ReplyText.Sanitize(first)).Append("\r\n");
        foreach (string line in lines)
        {
            string clean = ReplyText.Sanitize(line);
            // A line that starts with digits could be taken for the end; indent it.
            if (clean.Length == 0 || char.IsAsciiDigit(clean[0]))
            {
                sb.Append(' ');
            }

            sb.Append(clean).Append("\r\n");
        }

        sb.Append(code).Append(' ').Append(ReplyText.Sanitize(last)).Append("\r\n");
        return WriteAsync(sb.ToString());
    }

    private async ValueTask WriteAsync(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            int count = Encoding.UTF8.GetBytes(text, buffer);
            await _writeLock.WaitAsync(_sessionCts.Token);
            try
            {
                // Every reply must be written within the control channel's own timeout (LoginTimeout before
                // login, Timeout after): a client that stops reading while it keeps sending commands would
                // otherwise hold the session, and its place under the connection limits, for ever.
                (_writeDeadline ??= new WriteDeadline(_ctx.Time, OnWriteDeadlinePassed)).Arm(CurrentTimeout);
                await _stream.WriteAsync(buffer.AsMemory(0, count), _sessionCts.Token);
                await _stream.FlushAsync(_sessionCts.Token);
            }
            finally
            {
                _writeDeadline?.Clear();
                _writeLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void OnWriteDeadlinePassed()
    {
        FtpLog.WriteTimedOut(Logger, CurrentTimeout.TotalSeconds);
        Abort();
    }

    public async ValueTask ReplyStorageErrorAsync(FtpFileSystemException ex, string verb)
    {
        FtpLog.StorageError(Logger, ex, verb);
        (int code, string text) = ex.Error switch
        {
            FtpFileSystemError.NotFound => (550, "No such file or directory."),
            FtpFileSystemError.AlreadyExists => (550, "File exists."),
            FtpFileSystemError.AccessDenied => (550, "Permission denied."),
            FtpFileSystemError.NotEmpty => (550, "Directory not empty."),
            FtpFileSystemError.NotAFile => (550, "Not a regular file."),
            FtpFileSystemError.NotADirectory => (550, "Not a directory."),
            FtpFileSystemError.InvalidName => (553, "File name not allowed."),
            FtpFileSystemError.NotSupported => (502, "Not supported by this storage."),
            FtpFileSystemError.InsufficientStorage => (452, "Insufficient storage space."),
            _ => (451, "Storage unavailable; try again later."),
        };
        await ReplyAsync(code, text);
    }

    private async ValueTask ProtocolErrorAsync(int code, string text)
    {
        await ReplyAsync(code, text);
        if (++_protocolErrors >= Options.MaxProtocolErrors)
        {
            FtpLog.TooManyErrors(Logger, _protocolErrors);
            await ReplyAsync(421, "Too many errors; closing control connection.");
            _closing = true;
        }
    }

    // ---- dispatch ----

    private async Task DispatchAsync(string line)
    {
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        string verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        string argument = space < 0 ? string.Empty : line[(space + 1)..];
        if (!_ctx.Commands.TryGet(verb, out FtpCommand? command))
        {
            await ProtocolErrorAsync(500, verb.Length == 0 ? "Empty command." : $"'{ReplyText.Truncate(verb, 16)}': command not understood.");
            return;
        }

        _protocolErrors = 0;
        FtpLog.Command(Logger, verb);
        if (TransferActive && !command.AllowedDuringTransfer)
        {
            await WaitForTransferAsync();
        }

        if (command.NeedsLogin && !IsLoggedIn)
        {
            await ReplyAsync(530, "Please log in with USER and PASS first.");
            return;
        }

        if (!IsTlsActive && Options.EffectiveTlsControlRequired && !command.AllowedBeforeTls)
        {
            await ReplyAsync(530, "This server requires TLS: use AUTH TLS first.");
            return;
        }

        if (command.Argument == ArgumentRule.Required && string.IsNullOrWhiteSpace(argument))
        {
            await ReplyAsync(501, $"Syntax error: {verb} needs an argument.");
            return;
        }

        if (command.Argument == ArgumentRule.None && argument.Length > 0)
        {
            await ReplyAsync(501, $"Syntax error: {verb} takes no argument.");
            return;
        }

        if (command.Permission != FtpPermissions.None && !HasPermission(command.Permission))
        {
            await ReplyAsync(550, "Permission denied.");
            return;
        }

        if (verb != "RNTO" && verb != "RNFR")
        {
            RenameFrom = null;
        }

        try
        {
            await command.Handler(this, argument);
        }
        catch (FtpFileSystemException ex)
        {
            await ReplyStorageErrorAsync(ex, verb);
        }
        catch (Exception ex) when (!IsDisconnect(ex))
        {
            FtpLog.CommandFailed(Logger, ex, verb);
            await ReplyAsync(451, "Requested action aborted: local error in processing.");
        }
    }

    public bool HasPermission(FtpPermissions permission) =>
        User is not null && (User.Permissions & permission) == permission;

    /// <summary>Resolves a client path against the current directory, replying 550 when it is not acceptable.</summary>
    public async ValueTask<FtpPath?> ResolvePathAsync(string text)
    {
        if (FtpPath.TryResolve(CurrentDirectory, text, out FtpPath path, out FtpPathError error))
        {
            return path;
        }

        await ReplyAsync(550, error switch
        {
            FtpPathError.OutsideRoot => "Path is outside the home directory.",
            FtpPathError.InvalidCharacter => "File name contains forbidden characters.",
            _ => "File name too long.",
        });
        return null;
    }

    /// <summary>Resolves client text to an existing entry, replying 550 when the path is refused or nothing is there.</summary>
    public async ValueTask<(FtpPath Path, FtpFileInfo Info)?> ResolveExistingAsync(string text, string missing = "No such file or directory.")
    {
        if (await ResolvePathAsync(text) is not { } path)
        {
            return null;
        }

        if (await FileSystem!.GetInfoAsync(path, SessionAborted) is not { } info)
        {
            await ReplyAsync(550, missing);
            return null;
        }

        return (path, info);
    }

    // ---- login state ----

    public void CompleteLogin(FtpUser user, IFtpFileSystem fileSystem)
    {
        User = user;
        FileSystem = fileSystem;
        CurrentDirectory = FtpPath.Root;
        PendingUserName = null;
        FailedLogins = 0;
        _scope.User = user.Name;
        ArmIdleTimer();
    }

    /// <summary>REIN (RFC 959 §4.1.1): back to "no user", keeping the control connection and its TLS.</summary>
    public void Reinitialize()
    {
        if (User is not null)
        {
            Publish(new LoggedOut(Now));
        }

        User = null;
        FileSystem = null;
        PendingUserName = null;
        CurrentDirectory = FtpPath.Root;
        TransferType = TransferType.Ascii;
        RestartOffset = 0;
        RenameFrom = null;
        EpsvAll = false;
        ClearDataSetup();
        _scope.User = null;
        ArmIdleTimer();
    }

    public void Close() => _closing = true;

    // ---- events ----

    public DateTimeOffset Now => _ctx.Time.GetUtcNow();

    public void Publish(FtpEvent e)
    {
        if (!_ctx.Events.HasSinks)
        {
            return;
        }

        _ctx.Events.Publish(e with { SessionId = Id, RemoteEndPoint = RemoteEndPoint, UserName = e.UserName ?? User?.Name });
    }

    // ---- TLS on the control channel (RFC 4217 §4) ----

    /// <summary>
    /// Wraps the control connection in TLS. Bytes the client sent after AUTH TLS and before the handshake
    /// are discarded, never executed (the STARTTLS command-injection class).
    /// </summary>
    public async Task<bool> UpgradeControlToTlsAsync()
    {
        // Drop anything already buffered behind the AUTH command.
        PipeReader old = _reader;
        if (old.TryRead(out ReadResult pending))
        {
            old.AdvanceTo(pending.Buffer.End);
        }

        await old.CompleteAsync();
        var ssl = new SslStream(_network, leaveInnerStreamOpen: true);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_sessionCts.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(Options.DataTimeout));
            await ssl.AuthenticateAsServerAsync(_ctx.Tls!.ControlOptions, timeout.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            FtpLog.TlsFailed(Logger, "control", ex.Message);
            await ssl.DisposeAsync();
            _closing = true;
            return false;
        }

        _controlTls = ssl;
        _stream = ssl;
        _reader = PipeReader.Create(ssl, ReaderOptions);
        return true;
    }

    // ---- data connections ----

    public void ClearDataSetup()
    {
        _passive?.Dispose();
        _passive = null;
        _activeEndPoint = null;
    }

    /// <summary>Takes the new passive listener; it closes itself after DataTimeout unless a transfer starts on it first.</summary>
    public void SetPassive(PassiveListener listener)
    {
        ClearDataSetup();
        _passive = listener;
        listener.ExpireAfter(_ctx.Time, TimeSpan.FromSeconds(Options.DataTimeout));
    }

    public void SetActive(IPEndPoint endPoint)
    {
        ClearDataSetup();
        _activeEndPoint = endPoint;
    }

    /// <summary>Checks what must hold before a transfer starts, replying 425/521 when it does not.</summary>
    public async ValueTask<bool> EnsureDataChannelReadyAsync()
    {
        if (Options.EffectiveTlsDataRequired && !ProtectData)
        {
            await ReplyAsync(521, "Data connections must be encrypted: use PROT P.");
            return false;
        }

        if (!HasDataSetup)
        {
            await ReplyAsync(425, "Use PORT, EPRT, PASV or EPSV first.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Runs a data transfer beside the command loop: opens the data connection, replies 150, runs the work,
    /// closes the connection cleanly and replies 226; on ABOR 426, on a stall or error 426/451/452.
    /// </summary>
    public void StartDataTransfer(
        string description,
        Func<DataConnection, TransferProgress, CancellationToken, Task> work,
        Func<bool, long, ValueTask>? finished = null,
        string? openingReply = null,
        bool upload = false)
    {
        // Registered on the session's token: disposed when the transfer ends (RunDataTransferAsync), or every
        // transfer attempt would stay referenced until the session ends.
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_sessionCts.Token);
        _ctx.TransferSourceCreated?.Invoke(cts);
        var progress = new TransferProgress(description, upload, TimeSpan.FromSeconds(Options.DataTimeout));
        _transferCts = cts;
        CurrentTransfer = progress;
        _transfer = RunDataTransferAsync(work, finished, openingReply, progress, cts);
    }

    private async Task RunDataTransferAsync(
        Func<DataConnection, TransferProgress, CancellationToken, Task> work,
        Func<bool, long, ValueTask>? finished,
        string? openingReply,
        TransferProgress progress,
        CancellationTokenSource cts)
    {
        await Task.Yield();
        bool completed = false;
        DataConnection? connection = null;
        try
        {
            connection = await OpenDataConnectionAsync(openingReply, progress.IsUpload, cts.Token);
            if (connection is null)
            {
                return;
            }

            await work(connection, progress, cts.Token);
            await connection.CloseGracefullyAsync(TimeSpan.FromSeconds(5));
            completed = true;
            if (finished is not null)
            {
                await finished(true, progress.Bytes);
                finished = null;
            }

            await ReplyAsync(226, "Transfer complete.");
        }
        catch (FtpFileSystemException ex)
        {
            connection?.Abort();
            await SafeReplyAsync(() => ReplyStorageErrorAsync(ex, progress.Description));
        }
        catch (TimeoutException)
        {
            connection?.Abort();
            await SafeReplyAsync(() => ReplyAsync(426, "Data connection timed out; transfer aborted."));
        }
        catch (Exception ex) when (IsDisconnect(ex) || ex is AuthenticationException)
        {
            connection?.Abort();
            if (connection is not null && !_sessionCts.IsCancellationRequested)
            {
                await SafeReplyAsync(() => ReplyAsync(426, "Connection closed; transfer aborted."));
            }
        }
#pragma warning disable CA1031 // The transfer runs detached; every failure must become a reply.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            connection?.Abort();
            FtpLog.CommandFailed(Logger, ex, progress.Description);
            await SafeReplyAsync(() => ReplyAsync(451, "Requested action aborted: local error in processing."));
        }
        finally
        {
            _currentData = null;
            if (finished is not null)
            {
                await SafeFinishedAsync(finished, completed, progress.Bytes);
            }

            CurrentTransfer = null;
            Interlocked.CompareExchange(ref _transferCts, null, cts);
            cts.Dispose();
            if (_shutdownRequested)
            {
                _reader.CancelPendingRead();
            }

            ArmIdleTimer();
        }
    }

    private async ValueTask SafeFinishedAsync(Func<bool, long, ValueTask> finished, bool completed, long bytes)
    {
        try
        {
            await finished(completed, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            FtpLog.CommandFailed(Logger, ex, "transfer clean-up");
        }
    }

    private async ValueTask SafeReplyAsync(Func<ValueTask> reply)
    {
        try
        {
            await reply();
        }
        catch (Exception ex) when (IsDisconnect(ex))
        {
        }
    }

    private async Task<DataConnection?> OpenDataConnectionAsync(string? openingReply, bool upload, CancellationToken cancellationToken)
    {
        TimeSpan timeout = TimeSpan.FromSeconds(Options.DataTimeout);
        Socket? socket;
        if (_passive is { } passive)
        {
            _passive = null;
            using (passive)
            {
                socket = await passive.AcceptAsync(RemoteEndPoint.Address, timeout, remote => FtpLog.PortStealing(Logger, remote), cancellationToken);
            }
        }
        else if (_activeEndPoint is { } target)
        {
            _activeEndPoint = null;
            socket = await ConnectActiveAsync(target, timeout, cancellationToken);
        }
        else
        {
            socket = null;
        }

        if (socket is null)
        {
            await ReplyAsync(425, "Can't open data connection.");
            return null;
        }

        var connection = new DataConnection(socket);
        _currentData = connection;
        await ReplyAsync(150, openingReply ?? (TransferType == TransferType.Ascii
            ? "Opening ASCII mode data connection."
            : "Opening BINARY mode data connection."));
        if (ProtectData)
        {
            try
            {
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                handshake.CancelAfter(timeout);
                await connection.UpgradeToTlsAsync(upload ? _ctx.Tls!.UploadOptions : _ctx.Tls!.DownloadOptions, handshake.Token);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException)
            {
                FtpLog.TlsFailed(Logger, "data", ex.Message);
                connection.Abort();
                _currentData = null;
                if (!cancellationToken.IsCancellationRequested)
                {
                    await ReplyAsync(522, "TLS negotiation on the data connection failed.");
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
            IPAddress local = LocalEndPoint.Address;
            if (local.AddressFamily == target.AddressFamily)
            {
                socket.Bind(new IPEndPoint(local, 0));
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

    /// <summary>ABOR (RFC 959 §4.1.3): ends the running transfer with 426, then this command's 226.</summary>
    public async Task AbortTransferAsync()
    {
        if (TransferActive)
        {
            CancelTransfer();
            _currentData?.Abort();
            await WaitForTransferAsync();
            ClearDataSetup();
            await ReplyAsync(226, "ABOR command successful.");
            return;
        }

        ClearDataSetup();
        await ReplyAsync(225, "No transfer to abort; data channel closed.");
    }

    private void CancelTransfer()
    {
        try
        {
            Volatile.Read(ref _transferCts)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The transfer ended (and disposed its source) meanwhile.
        }
    }

    public async Task WaitForTransferAsync()
    {
        if (_transfer is { } transfer)
        {
            try
            {
                await transfer;
            }
            catch (Exception ex) when (IsDisconnect(ex))
            {
            }
        }
    }

    // ---- reading lines ----

    private async ValueTask<(LineOutcome Outcome, string? Line)> ReadLineAsync()
    {
        PipeReader reader = _reader;
        while (true)
        {
            ReadResult result = await reader.ReadAsync();
            if (result.IsCanceled)
            {
                return (LineOutcome.Interrupted, null);
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            SequencePosition? lf = buffer.PositionOf((byte)'\n');
            if (lf is null)
            {
                if (buffer.Length > MaxLineLength)
                {
                    _discardingLongLine = true;
                    reader.AdvanceTo(buffer.End);
                    continue;
                }

                if (result.IsCompleted)
                {
                    reader.AdvanceTo(buffer.End);
                    return (LineOutcome.EndOfStream, null);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            ReadOnlySequence<byte> lineBytes = buffer.Slice(0, lf.Value);
            SequencePosition next = buffer.GetPosition(1, lf.Value);
            if (_discardingLongLine || lineBytes.Length >= MaxLineLength)
            {
                _discardingLongLine = false;
                reader.AdvanceTo(next);
                return (LineOutcome.TooLong, null);
            }

            (LineOutcome outcome, string? line) = ControlLineDecoder.Decode(lineBytes);
            reader.AdvanceTo(next);
            return (outcome, line);
        }
    }

    // ---- timers and clean-up ----

    private TimeSpan CurrentTimeout => TimeSpan.FromSeconds(IsLoggedIn ? Options.Timeout : Options.LoginTimeout);

    private void ArmIdleTimer() => _idleTimer?.Change(CurrentTimeout, Timeout.InfiniteTimeSpan);

    private void OnIdleTimer()
    {
        if (TransferActive)
        {
            // A transfer in progress is not idleness.
            ArmIdleTimer();
            return;
        }

        _timedOut = true;
        _reader.CancelPendingRead();
    }

    private async Task CleanUpAsync()
    {
        _closing = true;
        _idleTimer?.Dispose();
        if (TransferActive)
        {
            CancelTransfer();
            _currentData?.Abort();
            await WaitForTransferAsync();
        }

        ClearDataSetup();
        if (User is not null)
        {
            Publish(new LoggedOut(Now));
        }

        Publish(new ClientDisconnected(Now));
        FtpLog.SessionEnded(Logger);
        try
        {
            await _reader.CompleteAsync();
            if (_controlTls is not null)
            {
                await _controlTls.DisposeAsync();
            }

            await _network.DisposeAsync();
        }
        catch (Exception ex) when (IsDisconnect(ex))
        {
        }

        _writeDeadline?.Dispose();
        _sessionCts.Cancel();
        _sessionCts.Dispose();
        _writeLock.Dispose();
    }

    public static bool IsDisconnect(Exception ex) =>
        ex is (IOException and not FtpFileSystemException) or SocketException or ObjectDisposedException or OperationCanceledException;

    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
