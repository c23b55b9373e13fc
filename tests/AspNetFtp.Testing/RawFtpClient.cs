using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AspNetFtp.Testing;

/// <summary>
/// A wire-level FTP client for scripted dialogues, shared by the test projects: sends exact bytes, reads
/// replies by the RFC 959 §4.2 multi-line rule (<c>ddd-</c> continues until a line starting <c>ddd </c>),
/// upgrades the control connection to TLS in place and opens passive data connections
/// (<c>RawFtpClient.Data.cs</c>). Every wait has a deadline, so a silent server fails a test instead of
/// hanging it. With an <see cref="ITestOutputHelper"/>, each line sent and reply read is logged.
/// </summary>
public sealed partial class RawFtpClient : IAsyncDisposable
{
    /// <summary>The bound on every wait that is not given its own (connect, reply, handshake, data).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Socket _socket;
    private readonly ITestOutputHelper? _log;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private Stream _stream;
    private int _start;
    private int _end;

    private RawFtpClient(Socket socket, ITestOutputHelper? log)
    {
        _socket = socket;
        _log = log;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>The same bound as <see cref="Timeout"/>.</summary>
    public static TimeSpan DefaultTimeout => Timeout;

    /// <summary>The greeting read by <see cref="ConnectAsync(string, int, IPAddress?, ITestOutputHelper?, bool)"/>; code 0 otherwise.</summary>
    public FtpReply Greeting { get; private set; } = new(0, []);

    public bool IsTls => _stream is SslStream;

    /// <summary>The certificate the server presented on the control connection; null before TLS.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate? ServerCertificate => (_stream as SslStream)?.RemoteCertificate;

    public IPEndPoint ServerEndPoint => (IPEndPoint)_socket.RemoteEndPoint!;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>
    /// Connects from <paramref name="localAddress"/> when given (127.0.0.2 plays a foreign host) and does NOT
    /// read the greeting: the test reads it with <see cref="ReadReplyAsync"/>.
    /// </summary>
    public static async Task<RawFtpClient> ConnectAsync(IPEndPoint server, IPAddress? localAddress = null, ITestOutputHelper? log = null) =>
        new(await ConnectSocketAsync(server, localAddress), log);

    /// <summary>
    /// Connects (optionally from <paramref name="localAddress"/>), runs the TLS handshake at once when
    /// <paramref name="implicitTls"/>, and reads the greeting into <see cref="Greeting"/>, whatever its code.
    /// </summary>
    public static async Task<RawFtpClient> ConnectAsync(string host, int port, IPAddress? localAddress = null, ITestOutputHelper? log = null, bool implicitTls = false)
    {
        Socket socket = NewSocket(localAddress);
        RawFtpClient? client = null;
        try
        {
            using (var cts = new CancellationTokenSource(Timeout))
            {
                await socket.ConnectAsync(host, port, cts.Token);
            }

            client = new RawFtpClient(socket, log);
            if (implicitTls)
            {
                await client.HandshakeAsync();
            }

            client.Greeting = await client.ReadReplyAsync();
            return client;
        }
        catch
        {
            if (client is null)
            {
                socket.Dispose();
            }
            else
            {
                await client.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>A TCP connection to <paramref name="server"/> (control or data), from <paramref name="localAddress"/> when given.</summary>
    public static async Task<Socket> ConnectSocketAsync(IPEndPoint server, IPAddress? localAddress = null)
    {
        Socket socket = NewSocket(localAddress);
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            await socket.ConnectAsync(server, cts.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Socket NewSocket(IPAddress? localAddress)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (localAddress is not null)
            {
                socket.Bind(new IPEndPoint(localAddress, 0));
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // ---- sending ----

    /// <summary>Sends one line and CRLF.</summary>
    public Task SendAsync(string line) => SendLineAsync(line);

    /// <summary>Sends one line and CRLF.</summary>
    public Task SendLineAsync(string line) => SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"), line);

    /// <summary>Sends exact bytes; <paramref name="description"/> replaces them in the log.</summary>
    public async Task SendRawAsync(byte[] bytes, string? description = null)
    {
        _log?.WriteLine("> " + Printable(description ?? Encoding.UTF8.GetString(bytes)));
        using var cts = new CancellationTokenSource(Timeout);
        await _stream.WriteAsync(bytes, cts.Token);
        await _stream.FlushAsync(cts.Token);
    }

    /// <summary>Sends one command line and reads its reply.</summary>
    public async Task<FtpReply> CommandAsync(string line, TimeSpan? timeout = null)
    {
        await SendLineAsync(line);
        return await ReadReplyAsync(timeout);
    }

    /// <summary>Sends a command and requires one of <paramref name="codes"/> as its reply.</summary>
    public async Task<FtpReply> ExpectAsync(string line, params int[] codes)
    {
        FtpReply reply = await CommandAsync(line);
        if (!codes.Contains(reply.Code))
        {
            throw new XunitException($"'{Printable(line)}' expected {string.Join(" or ", codes)}, got: {reply}");
        }

        return reply;
    }

    /// <summary>USER (331) and PASS (230).</summary>
    public async Task LoginAsync(string user, string password)
    {
        await ExpectAsync("USER " + user, 331);
        await ExpectAsync("PASS " + password, 230);
    }

    /// <summary>USER (331 required), then PASS: its reply, whatever the code, read within <paramref name="timeout"/>.</summary>
    public async Task<FtpReply> AttemptLoginAsync(string user, string password, TimeSpan? timeout = null)
    {
        await ExpectAsync("USER " + user, 331);
        return await CommandAsync("PASS " + password, timeout);
    }

    // ---- reading ----

    /// <summary>
    /// Reads one reply; throws <see cref="EndOfStreamException"/> when the server closes (or resets) the
    /// connection instead, <see cref="TimeoutException"/> when no complete reply comes in time.
    /// </summary>
    public async Task<FtpReply> ReadReplyAsync(TimeSpan? timeout = null) =>
        (await ReadReplyCoreAsync(timeout ?? Timeout, silenceIsNull: false)).Reply
            ?? throw new EndOfStreamException("The server closed the control connection instead of replying.");

    /// <summary>Reads one reply, or null when the server closed the connection first; throws <see cref="TimeoutException"/> after <see cref="Timeout"/>.</summary>
    public async Task<FtpReply?> TryReadReplyAsync() =>
        (await ReadReplyCoreAsync(Timeout, silenceIsNull: false)).Reply;

    /// <summary>
    /// Reads one reply, or null when the server closed the connection first or sent nothing at all within
    /// <paramref name="wait"/>; a reply begun but not finished in time throws <see cref="TimeoutException"/>.
    /// After a null on a TLS connection, use the client no further (the cancelled read may have left the
    /// TLS stream unusable). To tell silence from a close, use <see cref="WaitForCloseAsync"/>.
    /// </summary>
    public async Task<FtpReply?> TryReadReplyAsync(TimeSpan wait) =>
        (await ReadReplyCoreAsync(wait, silenceIsNull: true)).Reply;

    /// <summary>True if the server closes (or resets) the connection within <paramref name="wait"/>; replies read meanwhile are returned.</summary>
    public async Task<(bool Closed, List<FtpReply> Replies)> WaitForCloseAsync(TimeSpan wait)
    {
        var replies = new List<FtpReply>();
        long deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            TimeSpan left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
            {
                return (false, replies);
            }

            (FtpReply? reply, bool closed) result;
            try
            {
                result = await ReadReplyCoreAsync(left, silenceIsNull: true);
            }
            catch (TimeoutException)
            {
                return (false, replies);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                return (true, replies);
            }

            if (result.closed)
            {
                return (true, replies);
            }

            if (result.reply is null)
            {
                return (false, replies);
            }

            replies.Add(result.reply);
        }
    }

    /// <summary>True when the server closes the connection (EOF or reset) within <see cref="Timeout"/>, with no further reply line.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            return await ReadLineAsync(cts.Token) is null;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// One reply; (null, true) when the connection ends before its first byte; (null, false) when
    /// <paramref name="silenceIsNull"/> and not one byte came within <paramref name="timeout"/>.
    /// </summary>
    private async Task<(FtpReply? Reply, bool Closed)> ReadReplyCoreAsync(TimeSpan timeout, bool silenceIsNull)
    {
        using var cts = new CancellationTokenSource(timeout);
        var lines = new List<string>();
        try
        {
            string? first = await ReadLineAsync(cts.Token);
            if (first is null)
            {
                return (null, true);
            }

            lines.Add(first);
            int code = FtpReply.ParseCode(first);
            if (first.Length > 3 && first[3] == '-')
            {
                // RFC 959 §4.2: the reply ends at the first line that starts with the same code and a space.
                string last = first[..3] + " ";
                while (true)
                {
                    string line = await ReadLineAsync(cts.Token)
                        ?? throw new EndOfStreamException($"Closed inside a multi-line reply: {Printable(string.Join("\n", lines))}");
                    lines.Add(line);
                    if (line.StartsWith(last, StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }

            var reply = new FtpReply(code, lines);
            _log?.WriteLine("< " + Printable(reply.Text));
            return (reply, false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested && silenceIsNull && lines.Count == 0 && _start == _end)
        {
            return (null, false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            string partial = Encoding.UTF8.GetString(_buffer, _start, _end - _start);
            throw new TimeoutException(
                $"No complete reply within {timeout.TotalSeconds} s; got so far: '{Printable(string.Join("\n", lines.Append(partial)))}'.");
        }
    }

    /// <summary>One line without its CRLF (or bare LF), or null at EOF or on a reset.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                int length = lf - _start;
                if (length > 0 && _buffer[lf - 1] == (byte)'\r')
                {
                    length--;
                }

                string line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = lf + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("Reply line longer than the client's 64 KiB buffer.");
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            }
            catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted })
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    // ---- TLS ----

    /// <summary>Runs the client side of a TLS handshake on the control connection (after 234, or at once for implicit FTPS).</summary>
    public Task UpgradeToTlsAsync() => HandshakeAsync();

    /// <summary>The client side of a TLS handshake with these options (a limited protocol version, say).</summary>
    public Task UpgradeToTlsAsync(SslClientAuthenticationOptions options) => HandshakeAsync(options);

    /// <summary>AUTH TLS has been answered with 234 (or the port is implicit FTPS): start TLS on the same connection.</summary>
    public async Task HandshakeAsync(SslClientAuthenticationOptions? options = null)
    {
        if (_end != _start)
        {
            throw new InvalidOperationException(
                $"The server sent {_end - _start} plaintext bytes after the reply that starts TLS: '{Printable(Encoding.UTF8.GetString(_buffer, _start, _end - _start))}'");
        }

        SslStream ssl = await WrapTlsAsync(_stream, options);
        _stream = ssl;
        _log?.WriteLine($"* TLS {ssl.SslProtocol} {ssl.NegotiatedCipherSuite}");
    }

    /// <summary>Wraps a stream (control or data) in client TLS that accepts the test's self-signed certificate.</summary>
    public static async Task<SslStream> WrapTlsAsync(Stream inner, SslClientAuthenticationOptions? options = null)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        using var cts = new CancellationTokenSource(Timeout);
        await ssl.AuthenticateAsClientAsync(options ?? ClientTlsOptions(), cts.Token);
        return ssl;
    }

    /// <summary>Client TLS for <c>localhost</c> that accepts any server certificate (the tests' own are self-signed).</summary>
    public static SslClientAuthenticationOptions ClientTlsOptions() => new()
    {
        TargetHost = "localhost",
        RemoteCertificateValidationCallback = static (_, _, _, _) => true,
    };

    /// <summary>Text for a log or a failure message: CR, LF and NUL escaped, long text cut.</summary>
    public static string Printable(string text) =>
        text.Length > 300 ? Escape(text[..200]) + $"...[{text.Length} chars]" : Escape(text);

    private static string Escape(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stream.DisposeAsync();
        }
        catch (IOException)
        {
        }

        _socket.Dispose();
    }
}
