using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Replies;
using AspNetFtp.Protocol.Security;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Session;

/// <summary>
/// The control connection of one session (RFC 959 §4.2, RFC 4217 §4): reads command lines from a pipe,
/// writes replies under a deadline, and upgrades itself to TLS.
/// </summary>
internal sealed class ControlChannel : IAsyncDisposable
{
    /// <summary>The longest command line accepted, CRLF included.</summary>
    public const int MaxLineLength = 8192;

    private static readonly StreamPipeReaderOptions ReaderOptions =
        new(pool: null, bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true);

    private readonly FtpTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LogThrottle _logThrottle;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationToken _aborted;
    private readonly Func<TimeSpan> _writeTimeout;
    private readonly Action _onWriteTimeout;
    private Stream _stream;
    private volatile PipeReader _reader;
    private WriteDeadline? _writeDeadline;
    private SslStream? _tls;
    private bool _discardingLongLine;

    public ControlChannel(FtpTransport transport, TimeProvider time, ILogger logger, LogThrottle logThrottle, Func<TimeSpan> writeTimeout, Action onWriteTimeout, CancellationToken aborted)
    {
        _transport = transport;
        _time = time;
        _logger = logger;
        _logThrottle = logThrottle;
        _writeTimeout = writeTimeout;
        _onWriteTimeout = onWriteTimeout;
        _aborted = aborted;
        _stream = transport.Stream;
        _reader = PipeReader.Create(_stream, ReaderOptions);
    }

    public bool IsTls => _tls is not null;

    /// <summary>The certificate of this connection's handshake, kept for its data connections after a reload; null before TLS.</summary>
    public FtpTlsCredentials? TlsCredentials { get; private set; }

    /// <summary>Wakes a pending <see cref="ReadLineAsync"/>, which returns <see cref="LineOutcome.Interrupted"/>.</summary>
    public void Interrupt() => _reader.CancelPendingRead();

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
            await _writeLock.WaitAsync(_aborted);
            try
            {
                await WriteWithinDeadlineAsync(_stream.WriteAsync(buffer.AsMemory(0, count), _aborted));
                await WriteWithinDeadlineAsync(_stream.FlushAsync(_aborted));
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Wraps the control connection in TLS. Bytes the client sent after AUTH TLS and before the handshake
    /// are discarded, never executed (the STARTTLS command-injection class).
    /// </summary>
    public async Task<bool> UpgradeToTlsAsync(FtpTlsCredentials credentials, TimeSpan timeout)
    {
        PipeReader old = _reader;
        if (old.TryRead(out ReadResult pending))
        {
            old.AdvanceTo(pending.Buffer.End);
        }

        await old.CompleteAsync();
        var ssl = new SslStream(_transport.Stream, leaveInnerStreamOpen: true);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_aborted);
            deadline.CancelAfter(timeout);
            await ssl.AuthenticateAsServerAsync(credentials.ControlOptions, deadline.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            FtpLog.TlsFailed(_logger, _logThrottle, _transport.RemoteEndPoint.Address, "control", ex.Message);
            await ssl.DisposeAsync();
            return false;
        }

        _tls = ssl;
        TlsCredentials = credentials;
        _stream = ssl;
        _reader = PipeReader.Create(ssl, ReaderOptions);
        return true;
    }

    /// <summary>Reads one command line (RFC 959 §4.1: Telnet end-of-line); lines over <see cref="MaxLineLength"/> are skipped whole.</summary>
    public async ValueTask<(LineOutcome Outcome, string? Line)> ReadLineAsync()
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

    /// <summary>
    /// Every reply must be written within the control channel's own timeout (the login timeout before login,
    /// the idle timeout after): a client that stops reading while it keeps sending commands would otherwise
    /// hold the session, and its place under the connection limits, for ever. Only a write that has to wait
    /// for the client is put under the deadline; one the socket took at once (nearly every reply) needs none.
    /// </summary>
    private async ValueTask WriteWithinDeadlineAsync(ValueTask write)
    {
        if (write.IsCompleted)
        {
            write.GetAwaiter().GetResult();
            return;
        }

        WriteDeadline deadline = _writeDeadline ??= new WriteDeadline(_time, _onWriteTimeout);
        deadline.Arm(_writeTimeout());
        try
        {
            await write;
        }
        finally
        {
            deadline.Clear();
        }
    }

    private ValueTask WriteWithinDeadlineAsync(Task flush) => WriteWithinDeadlineAsync(new ValueTask(flush));

    /// <summary>Resets the connection at once.</summary>
    public void Abort() => _transport.Abort();

    /// <summary>Whether the client has closed the control connection (see <see cref="FtpTransport.PeerHasClosed"/>).</summary>
    public bool PeerHasClosed => _transport.PeerHasClosed();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _reader.CompleteAsync();
            if (_tls is not null)
            {
                await _tls.DisposeAsync();
            }

            await _transport.Stream.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _writeDeadline?.Dispose();
        _writeLock.Dispose();
    }
}
