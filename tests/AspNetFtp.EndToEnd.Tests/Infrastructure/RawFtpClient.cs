using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A wire-level control-connection client for scripted dialogues: send exact bytes, read
/// RFC 959 replies (<c>ddd-</c> continues until <c>ddd </c>), upgrade to TLS in place. Every
/// read has a timeout so a silent server fails the test instead of hanging it.
/// </summary>
internal sealed partial class RawFtpClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly TcpClient _tcp;
    private readonly ITestOutputHelper? _log;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private Stream _stream;
    private int _start;
    private int _end;

    private RawFtpClient(TcpClient tcp, ITestOutputHelper? log)
    {
        _tcp = tcp;
        _log = log;
        _stream = tcp.GetStream();
    }

    public FtpReply Greeting { get; private set; } = new(0, []);

    public bool IsTls => _stream is SslStream;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_tcp.Client.LocalEndPoint!;

    /// <summary>Connects (optionally from <paramref name="localAddress"/>) and reads the greeting.</summary>
    public static async Task<RawFtpClient> ConnectAsync(string host, int port, IPAddress? localAddress = null, ITestOutputHelper? log = null, bool implicitTls = false)
    {
        var tcp = localAddress is null ? new TcpClient(AddressFamily.InterNetwork) : new TcpClient(new IPEndPoint(localAddress, 0));
        tcp.NoDelay = true;
        try
        {
            using var cts = new CancellationTokenSource(DefaultTimeout);
            await tcp.ConnectAsync(host, port, cts.Token);
            var client = new RawFtpClient(tcp, log);
            if (implicitTls)
            {
                await client.HandshakeAsync();
            }

            client.Greeting = await client.ReadReplyAsync();
            return client;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public async Task SendLineAsync(string line) => await SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"), line);

    public async Task SendRawAsync(byte[] bytes, string? description = null)
    {
        _log?.WriteLine("> " + Printable(description ?? Encoding.UTF8.GetString(bytes)));
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await _stream.WriteAsync(bytes, cts.Token);
        await _stream.FlushAsync(cts.Token);
    }

    public async Task<FtpReply> CommandAsync(string line, TimeSpan? timeout = null)
    {
        await SendLineAsync(line);
        return await ReadReplyAsync(timeout);
    }

    /// <summary>Sends a command and requires a specific reply code.</summary>
    public async Task<FtpReply> ExpectAsync(string line, params int[] codes)
    {
        var reply = await CommandAsync(line);
        if (!codes.Contains(reply.Code))
        {
            throw new Xunit.Sdk.XunitException($"'{Printable(line)}' expected {string.Join(" or ", codes)}, got: {reply}");
        }

        return reply;
    }

    public async Task LoginAsync(string user, string password)
    {
        await ExpectAsync("USER " + user, 331);
        await ExpectAsync("PASS " + password, 230);
    }

    /// <summary>Reads one complete reply; throws <see cref="EndOfStreamException"/> if the server closed.</summary>
    public async Task<FtpReply> ReadReplyAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            var first = await ReadLineAsync(cts.Token);
            var code = FtpReply.ParseCode(first);
            var lines = new List<string> { first };
            if (first.Length > 3 && first[3] == '-')
            {
                var terminator = first[..3] + " ";
                string line;
                do
                {
                    line = await ReadLineAsync(cts.Token);
                    lines.Add(line);
                }
                while (!line.StartsWith(terminator, StringComparison.Ordinal) && line != first[..3]);
            }

            var reply = new FtpReply(code, lines);
            _log?.WriteLine("< " + Printable(reply.Text));
            return reply;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete reply within {(timeout ?? DefaultTimeout).TotalSeconds} s.");
        }
    }

    /// <summary>A reply if one arrives within <paramref name="wait"/>, otherwise null.</summary>
    public async Task<FtpReply?> TryReadReplyAsync(TimeSpan wait)
    {
        try
        {
            return await ReadReplyAsync(wait);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>True if the server closes (or resets) the connection within <paramref name="wait"/>; replies read meanwhile are returned.</summary>
    public async Task<(bool Closed, List<FtpReply> Replies)> WaitForCloseAsync(TimeSpan wait)
    {
        var replies = new List<FtpReply>();
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                replies.Add(await ReadReplyAsync(deadline - DateTime.UtcNow));
            }
            catch (TimeoutException)
            {
                return (false, replies);
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or SocketException or ObjectDisposedException)
            {
                return (true, replies);
            }
        }

        return (false, replies);
    }

    /// <summary>AUTH TLS has been answered with 234: start TLS on the same connection.</summary>
    public async Task HandshakeAsync()
    {
        if (_end != _start)
        {
            throw new InvalidOperationException(
                $"The server sent {_end - _start} plaintext bytes after the reply that starts TLS: '{Printable(Encoding.UTF8.GetString(_buffer, _start, _end - _start))}'");
        }

        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await ssl.AuthenticateAsClientAsync(ClientTlsOptions(), cts.Token);
        _stream = ssl;
        _log?.WriteLine($"* TLS {ssl.SslProtocol} {ssl.NegotiatedCipherSuite}");
    }

    public static SslClientAuthenticationOptions ClientTlsOptions() => new()
    {
        TargetHost = "localhost",
        RemoteCertificateValidationCallback = (_, _, _, _) => true,
    };

    /// <summary>Sends PASV, parses the 227 reply and returns the advertised endpoint.</summary>
    public async Task<IPEndPoint> PassiveAsync()
    {
        var reply = await ExpectAsync("PASV", 227);
        return ParsePasv(reply);
    }

    public static IPEndPoint ParsePasv(FtpReply reply)
    {
        var match = PasvNumbers().Match(reply.Text);
        if (!match.Success)
        {
            throw new FormatException("Unparsable 227 reply: " + reply);
        }

        var n = match.Groups.Values.Skip(1).Select(g => int.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
        return new IPEndPoint(new IPAddress([(byte)n[0], (byte)n[1], (byte)n[2], (byte)n[3]]), (n[4] * 256) + n[5]);
    }

    /// <summary>PASV, then connect to the advertised port (always on 127.0.0.1) from <paramref name="localAddress"/>.</summary>
    public async Task<TcpClient> OpenPassiveDataAsync(IPAddress? localAddress = null)
    {
        var endPoint = await PassiveAsync();
        return await ConnectDataAsync(endPoint.Port, localAddress);
    }

    public static async Task<TcpClient> ConnectDataAsync(int port, IPAddress? localAddress = null)
    {
        var data = localAddress is null ? new TcpClient(AddressFamily.InterNetwork) : new TcpClient(new IPEndPoint(localAddress, 0));
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await data.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        return data;
    }

    /// <summary>Reads a data connection to its end (or until <paramref name="timeout"/>).</summary>
    public static async Task<(byte[] Data, bool Completed)> ReadToEndAsync(Stream stream, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var memory = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                memory.Write(buffer, 0, read);
            }

            return (memory.ToArray(), true);
        }
        catch (OperationCanceledException)
        {
            return (memory.ToArray(), false);
        }
        catch (IOException)
        {
            // A reset ends the stream too; what arrived before it is what counts.
            return (memory.ToArray(), true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stream.DisposeAsync();
        }
        catch (IOException)
        {
        }

        _tcp.Dispose();
    }

    public static string Printable(string text) =>
        text.Length > 300 ? Escape(text[..200]) + $"...[{text.Length} chars]" : Escape(text);

    private static string Escape(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }

                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = newline + 1;
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
                throw new InvalidDataException("Reply line longer than 64 KiB.");
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("The server closed the control connection.");
            }

            _end += read;
        }
    }

    [GeneratedRegex(@"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)")]
    private static partial Regex PasvNumbers();
}
