using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>
/// A wire-level FTP client for scripted dialogues: sends exact bytes, reads replies by the RFC 959
/// multi-line rules, and opens passive data connections. Every wait has a deadline, so a silent server
/// fails a test instead of hanging it.
/// </summary>
internal sealed partial class RawFtpClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private Stream _stream;
    private int _start;
    private int _end;

    private RawFtpClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public IPEndPoint ServerEndPoint => (IPEndPoint)_socket.RemoteEndPoint!;

    public bool IsTls => _stream is SslStream;

    /// <summary>Runs the client side of a TLS handshake on the control connection (after 234, or at once for implicit FTPS).</summary>
    public async Task UpgradeToTlsAsync()
    {
        Assert.True(_start == _end, "bytes were buffered before the TLS handshake");
        _stream = await WrapTlsAsync(_stream);
    }

    /// <summary>Wraps a stream in client TLS that accepts the test's self-signed certificate.</summary>
    public static async Task<SslStream> WrapTlsAsync(Stream inner)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        using var cts = new CancellationTokenSource(Timeout);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = static (_, _, _, _) => true,
        }, cts.Token);
        return ssl;
    }

    /// <summary>Connects from <paramref name="localAddress"/> when given (127.0.0.2 plays a foreign host).</summary>
    public static async Task<RawFtpClient> ConnectAsync(IPEndPoint server, IPAddress? localAddress = null) =>
        new(await ConnectSocketAsync(server, localAddress));

    public static async Task<Socket> ConnectSocketAsync(IPEndPoint server, IPAddress? localAddress = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (localAddress is not null)
            {
                socket.Bind(new IPEndPoint(localAddress, 0));
            }

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

    public Task SendAsync(string line) => SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    public async Task SendRawAsync(byte[] bytes)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _stream.WriteAsync(bytes, cts.Token);
        await _stream.FlushAsync(cts.Token);
    }

    /// <summary>Sends one command line and reads its reply.</summary>
    public async Task<FtpReply> CommandAsync(string line)
    {
        await SendAsync(line);
        return await ReadReplyAsync();
    }

    /// <summary>Reads one reply; throws when the server closes the connection instead.</summary>
    public async Task<FtpReply> ReadReplyAsync() =>
        await TryReadReplyAsync() ?? throw new IOException("The server closed the control connection instead of replying.");

    /// <summary>Reads one reply, or null when the server closed the connection first.</summary>
    public Task<FtpReply?> TryReadReplyAsync() => TryReadReplyAsync(Timeout);

    /// <summary>
    /// Reads one reply, or null when the server closed the connection first or (on a plain connection only)
    /// when none came within <paramref name="timeout"/>.
    /// </summary>
    public async Task<FtpReply?> TryReadReplyAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var lines = new List<string>();
        try
        {
            string? first = await ReadLineAsync(cts.Token);
            if (first is null)
            {
                return null;
            }

            lines.Add(first);
            int code = FtpReply.ParseCode(first);
            if (first.Length > 3 && first[3] == '-')
            {
                // RFC 959 §4.2: the reply ends at the first line that starts with the same code and a space.
                string last = first[..3] + " ";
                while (true)
                {
                    string line = await ReadLineAsync(cts.Token) ?? throw new IOException($"Closed inside a multi-line reply: {string.Join(" | ", lines)}");
                    lines.Add(line);
                    if (line.StartsWith(last, StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }

            return new FtpReply(code, lines);
        }
        catch (OperationCanceledException) when (timeout != Timeout && lines.Count == 0 && !IsTls)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No complete reply within {timeout.TotalSeconds} s; got so far: '{string.Join(" | ", lines)}'.");
        }
    }

    /// <summary>True when the server closes the connection (EOF or reset) within the deadline, with no further reply.</summary>
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
                throw new InvalidDataException("Reply line longer than the client's buffer.");
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

    // ---- passive data connections ----

    /// <summary>PASV, then a connection to the announced address.</summary>
    public async Task<Socket> OpenPassiveAsync()
    {
        FtpReply reply = await CommandAsync("PASV");
        Assert.True(reply.Code == 227, $"PASV failed: {reply}");
        return await ConnectSocketAsync(ParsePasv(reply));
    }

    /// <summary>EPSV, then a connection to the announced port on the control connection's address.</summary>
    public async Task<Socket> OpenExtendedPassiveAsync()
    {
        FtpReply reply = await CommandAsync("EPSV");
        Assert.True(reply.Code == 229, $"EPSV failed: {reply}");
        return await ConnectSocketAsync(new IPEndPoint(ServerEndPoint.Address, ParseEpsv(reply)));
    }

    public static IPEndPoint ParsePasv(FtpReply reply)
    {
        Match m = PasvPattern().Match(reply.Text);
        Assert.True(m.Success, $"Not a 227 reply: {reply}");
        int[] n = [.. Enumerable.Range(1, 6).Select(i => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture))];
        return new IPEndPoint(new IPAddress([(byte)n[0], (byte)n[1], (byte)n[2], (byte)n[3]]), (n[4] << 8) | n[5]);
    }

    public static int ParseEpsv(FtpReply reply)
    {
        Match m = EpsvPattern().Match(reply.Text);
        Assert.True(m.Success, $"Not a 229 reply: {reply}");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>PASV, the command (RETR, LIST, ...), 150, all the data, 226.</summary>
    public async Task<byte[]> DownloadAsync(string command)
    {
        using Socket data = await OpenPassiveAsync();
        FtpReply opening = await CommandAsync(command);
        Assert.True(opening.Code == 150, $"{command}: expected 150, got {opening}");
        byte[] bytes = await ReadToEndAsync(data);
        FtpReply done = await ReadReplyAsync();
        Assert.True(done.Code == 226, $"{command}: expected 226, got {done}");
        return bytes;
    }

    /// <summary>PASV, the command (STOR, APPE, ...), 150, the data and a half-close, 226.</summary>
    public async Task UploadAsync(string command, byte[] content)
    {
        using Socket data = await OpenPassiveAsync();
        FtpReply opening = await CommandAsync(command);
        Assert.True(opening.Code == 150, $"{command}: expected 150, got {opening}");
        await WriteAndCloseAsync(data, content);
        FtpReply done = await ReadReplyAsync();
        Assert.True(done.Code == 226, $"{command}: expected 226, got {done}");
    }

    public static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var result = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
        {
            result.Write(buffer, 0, read);
        }

        return result.ToArray();
    }

    public static async Task WriteAndCloseAsync(Socket socket, byte[] content)
    {
        using var cts = new CancellationTokenSource(Timeout);
        int sent = 0;
        while (sent < content.Length)
        {
            sent += await socket.SendAsync(content.AsMemory(sent), SocketFlags.None, cts.Token);
        }

        socket.Shutdown(SocketShutdown.Send);
        byte[] sink = new byte[256];
        while (await socket.ReceiveAsync(sink, SocketFlags.None, cts.Token) > 0)
        {
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

        _socket.Dispose();
    }

    [GeneratedRegex(@"\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)")]
    private static partial Regex PasvPattern();

    [GeneratedRegex(@"\(\|\|\|(\d+)\|\)")]
    private static partial Regex EpsvPattern();
}
