using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace AspNetFtp.Bench;

internal sealed class FtpException(string message) : Exception(message);

internal readonly record struct FtpReply(int Code, string Text)
{
    public int Class => Code / 100;

    public override string ToString() => Text;
}

/// <summary>
/// Minimal async FTP/FTPS client for load generation: control channel with multi-line replies,
/// explicit TLS (AUTH TLS / PBSZ 0 / PROT P, any certificate accepted), EPSV or PASV data
/// connections, RETR / STOR / LIST. Every network operation is bounded by the operation timeout;
/// data transfers are bounded per chunk (a stalled transfer fails, a slow-but-moving one does not).
/// </summary>
internal sealed class FtpClient : IAsyncDisposable
{
    private readonly Options _o;
    private readonly byte[] _rbuf = new byte[4096];
    private int _rpos;
    private int _rlen;
    private Socket? _sock;
    private Stream? _ctrl;
    private bool _prot;
    private bool _epsvUnsupported;
    private IPAddress? _source;

    private FtpClient(Options o) => _o = o;

    public static async Task<FtpClient> ConnectAsync(Options o, CancellationToken ct)
    {
        var c = new FtpClient(o);
        try
        {
            var s = new Socket(o.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            c._sock = s;
            c._source = o.Address.AddressFamily == AddressFamily.InterNetwork ? o.NextSource() : null;
            if (c._source is not null)
            {
                s.Bind(new IPEndPoint(c._source, 0));
            }
            using (var cts = c.Op(ct))
            {
                try
                {
                    await s.ConnectAsync(new IPEndPoint(o.Address, o.Port), cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new FtpException($"TCP connect timed out after {o.OpTimeout}s");
                }
            }

            c._ctrl = new NetworkStream(s, ownsSocket: false);
            using (var cts = c.Op(ct))
            {
                FtpReply banner;
                try
                {
                    banner = await c.ReadReplyAsync(cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new FtpException($"connected, but no banner within {o.OpTimeout}s");
                }

                if (banner.Code != 220)
                {
                    throw new FtpException($"banner: {banner}");
                }
            }

            return c;
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>AUTH TLS (when --tls), USER, PASS, then PBSZ 0 / PROT P (when --tls).</summary>
    public async Task LoginAsync(CancellationToken ct)
    {
        if (_o.Tls)
        {
            var r = await CommandAsync("AUTH TLS", ct).ConfigureAwait(false);
            if (r.Code != 234)
            {
                throw new FtpException($"AUTH TLS: {r}");
            }

            var ssl = new SslStream(new NetworkStream(_sock!, ownsSocket: false), leaveInnerStreamOpen: false);
            using (var cts = Op(ct))
            {
                await ssl.AuthenticateAsClientAsync(SslOptions(), cts.Token).ConfigureAwait(false);
            }

            _ctrl = ssl;
            _rpos = _rlen = 0;
        }

        var u = await CommandAsync("USER " + _o.User, ct).ConfigureAwait(false);
        if (u.Code == 331)
        {
            var p = await CommandAsync("PASS " + _o.Password, ct).ConfigureAwait(false);
            if (p.Code != 230)
            {
                throw new FtpException($"PASS: {p}");
            }
        }
        else if (u.Code != 230)
        {
            throw new FtpException($"USER: {u}");
        }

        if (_o.Tls)
        {
            await ExpectAsync("PBSZ 0", 2, ct).ConfigureAwait(false);
            await ExpectAsync("PROT P", 2, ct).ConfigureAwait(false);
            _prot = true;
        }
    }

    public Task TypeImageAsync(CancellationToken ct) => ExpectAsync("TYPE I", 2, ct);

    public async Task QuitAsync(CancellationToken ct)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromSeconds(Math.Min(5, _o.OpTimeout)));
            await SendAsync("QUIT", cts.Token).ConfigureAwait(false);
            await ReadReplyAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or FtpException or ObjectDisposedException)
        {
            // The session is over either way.
        }
    }

    public async Task DeleteAsync(string path, CancellationToken ct) => await ExpectAsync("DELE " + path, 2, ct).ConfigureAwait(false);

    /// <summary>Sends a command and fails unless its reply is of class <paramref name="cls"/> (2 = done, 3 = go on).</summary>
    public Task ExpectReplyAsync(string command, int cls, CancellationToken ct) => ExpectAsync(command, cls, ct);

    /// <summary>SIZE of a file, as the server reports it.</summary>
    public async Task<long> SizeAsync(string path, CancellationToken ct)
    {
        var r = await CommandAsync("SIZE " + path, ct).ConfigureAwait(false);
        if (r.Code != 213 || !long.TryParse(r.Text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out long size))
        {
            throw new FtpException($"SIZE: {r}");
        }

        return size;
    }

    /// <summary>RETR into <paramref name="buffer"/> (discarded); returns the number of bytes received.</summary>
    public Task<long> RetrAsync(string path, Memory<byte> buffer, CancellationToken ct) =>
        TransferAsync("RETR " + path, (st, sock, cts) => ReadAllAsync(st, buffer, cts), ct);

    public Task<long> ListAsync(Memory<byte> buffer, CancellationToken ct) =>
        TransferAsync("LIST", (st, sock, cts) => ReadAllAsync(st, buffer, cts), ct);

    /// <summary>STOR <paramref name="size"/> bytes, repeating <paramref name="pattern"/>.</summary>
    public Task<long> StorAsync(string path, long size, ReadOnlyMemory<byte> pattern, CancellationToken ct) =>
        TransferAsync("STOR " + path, (st, sock, cts) => WriteAllAsync(st, sock, size, pattern, cts), ct);

    private async Task<long> TransferAsync(
        string command,
        Func<Stream, Socket, CancellationTokenSource, Task<long>> body,
        CancellationToken ct)
    {
        using var data = await OpenPassiveAsync(ct).ConfigureAwait(false);
        await SendAsync(command, ct).ConfigureAwait(false);

        using var xfer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        xfer.CancelAfter(_o.OpTimeoutSpan);

        // The data side (TLS handshake included) runs concurrently with reading the preliminary
        // reply, so it works whether the server handshakes before or after sending 150.
        var dataTask = RunDataAsync(data, body, xfer);
        FtpReply prelim;
        try
        {
            using var op = Op(ct);
            prelim = await ReadReplyAsync(op.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await AbandonAsync(data, xfer, dataTask).ConfigureAwait(false);
            if (e is OperationCanceledException && !ct.IsCancellationRequested)
            {
                throw new FtpException($"{Verb(command)}: no preliminary (1xx) reply within {_o.OpTimeout}s");
            }

            throw;
        }

        if (prelim.Class != 1)
        {
            await AbandonAsync(data, xfer, dataTask).ConfigureAwait(false);
            throw new FtpException($"{Verb(command)}: {prelim}");
        }

        long n;
        try
        {
            n = await dataTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FtpException($"{Verb(command)}: data connection stalled for {_o.OpTimeout}s");
        }

        using (var op = Op(ct))
        {
            FtpReply fin;
            try
            {
                fin = await ReadReplyAsync(op.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new FtpException($"{Verb(command)}: no final reply within {_o.OpTimeout}s after {n} data bytes");
            }

            if (fin.Class != 2)
            {
                throw new FtpException($"{Verb(command)} final: {fin} (after {n} bytes)");
            }
        }

        return n;
    }

    private static string Verb(string command)
    {
        int sp = command.IndexOf(' ', StringComparison.Ordinal);
        return sp < 0 ? command : command[..sp];
    }

    private static async Task AbandonAsync(Socket data, CancellationTokenSource xfer, Task dataTask)
    {
        await xfer.CancelAsync().ConfigureAwait(false);
        data.Dispose();
        try
        {
            await dataTask.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Abandoned on purpose; the caller reports the control-channel reason instead.
        }
    }

    private async Task<long> RunDataAsync(Socket data, Func<Stream, Socket, CancellationTokenSource, Task<long>> body, CancellationTokenSource xfer)
    {
        await Task.Yield();
        Stream st = new NetworkStream(data, ownsSocket: false);
        try
        {
            if (_prot)
            {
                var ssl = new SslStream(st, leaveInnerStreamOpen: false);
                st = ssl;
                await ssl.AuthenticateAsClientAsync(SslOptions(), xfer.Token).ConfigureAwait(false);
                if (_o.Verbose)
                {
                    Console.Error.WriteLine($"  data TLS: {ssl.SslProtocol} {ssl.NegotiatedCipherSuite}");
                }
            }

            return await body(st, data, xfer).ConfigureAwait(false);
        }
        finally
        {
            // Close the data connection before waiting for the final reply: some servers
            // (vsftpd with TLS) send 226 only once the client has closed its side.
            await st.DisposeAsync().ConfigureAwait(false);
            data.Dispose();
        }
    }

    private async Task<long> ReadAllAsync(Stream st, Memory<byte> buffer, CancellationTokenSource cts)
    {
        long total = 0;
        while (true)
        {
            cts.CancelAfter(_o.OpTimeoutSpan);
            int n;
            try
            {
                n = await st.ReadAsync(buffer, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_o.Verbose)
            {
                Console.Error.WriteLine($"  data read stalled after {total} bytes");
                throw;
            }

            if (n == 0)
            {
                if (st is SslStream ssl)
                {
                    await ShutdownQuietlyAsync(ssl).ConfigureAwait(false);
                }

                return total;
            }

            total += n;
        }
    }

    /// <summary>Answers the server's close_notify with ours (as ftplib's unwrap does), bounded, errors ignored.</summary>
    private static async Task ShutdownQuietlyAsync(SslStream ssl)
    {
        try
        {
            await ssl.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
            // The data already arrived; a peer that closed first is fine.
        }
    }

    private async Task<long> WriteAllAsync(Stream st, Socket sock, long size, ReadOnlyMemory<byte> pattern, CancellationTokenSource cts)
    {
        long left = size;
        while (left > 0)
        {
            int n = (int)Math.Min(left, pattern.Length);
            cts.CancelAfter(_o.OpTimeoutSpan);
            await st.WriteAsync(pattern[..n], cts.Token).ConfigureAwait(false);
            left -= n;
        }

        await st.FlushAsync(cts.Token).ConfigureAwait(false);
        if (st is SslStream ssl)
        {
            await ssl.ShutdownAsync().WaitAsync(cts.Token).ConfigureAwait(false); // close_notify
        }

        sock.Shutdown(SocketShutdown.Send);

        // Drain until the server closes its side (it may send its own close_notify), bounded.
        var scratch = new byte[4096];
        try
        {
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            drain.CancelAfter(TimeSpan.FromSeconds(Math.Min(10, _o.OpTimeout)));
            for (int i = 0; i < 1000; i++)
            {
                if (await sock.ReceiveAsync(scratch, SocketFlags.None, drain.Token).ConfigureAwait(false) == 0)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The upload itself is judged by the server's final reply.
        }

        return size;
    }

    private async Task<Socket> OpenPassiveAsync(CancellationToken ct)
    {
        int port = -1;
        if (!_o.ForcePasv && !_epsvUnsupported)
        {
            var r = await CommandAsync("EPSV", ct).ConfigureAwait(false);
            if (r.Code == 229)
            {
                port = ParseEpsv(r.Text);
            }
            else if (r.Class == 5)
            {
                _epsvUnsupported = true;
            }
            else
            {
                throw new FtpException($"EPSV: {r}");
            }
        }

        if (port < 0)
        {
            var r = await CommandAsync("PASV", ct).ConfigureAwait(false);
            if (r.Code != 227)
            {
                throw new FtpException($"PASV: {r}");
            }

            port = ParsePasv(r.Text);
        }

        // The data connection always goes to the control connection's (loopback) address.
        var s = new Socket(_o.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // From the control connection's own address: a server refuses a data connection from another one.
            if (_source is not null)
            {
                s.Bind(new IPEndPoint(_source, 0));
            }

            using var cts = Op(ct);
            await s.ConnectAsync(new IPEndPoint(_o.Address, port), cts.Token).ConfigureAwait(false);
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    internal static int ParseEpsv(string text)
    {
        int open = text.IndexOf('(', StringComparison.Ordinal);
        int close = open < 0 ? -1 : text.IndexOf(')', open);
        if (open < 0 || close < 0)
        {
            throw new FtpException($"EPSV: cannot parse '{text}'");
        }

        string inner = text[(open + 1)..close];
        if (inner.Length < 5)
        {
            throw new FtpException($"EPSV: cannot parse '{text}'");
        }

        char d = inner[0];
        string[] parts = inner.Split(d);
        if (parts.Length < 5 || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new FtpException($"EPSV: cannot parse '{text}'");
        }

        return port;
    }

    internal static int ParsePasv(string text)
    {
        int open = text.IndexOf('(', StringComparison.Ordinal);
        int start = open >= 0 ? open + 1 : text.IndexOfAny("0123456789".ToCharArray(), 4);
        if (start < 0)
        {
            throw new FtpException($"PASV: cannot parse '{text}'");
        }

        int end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == ','))
        {
            end++;
        }

        string[] parts = text[start..end].Split(',');
        if (parts.Length != 6
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out int hi)
            || !int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out int lo)
            || hi > 255 || lo > 255 || (hi << 8 | lo) == 0)
        {
            throw new FtpException($"PASV: cannot parse '{text}'");
        }

        return hi << 8 | lo;
    }

    private async Task ExpectAsync(string command, int cls, CancellationToken ct)
    {
        var r = await CommandAsync(command, ct).ConfigureAwait(false);
        if (r.Class != cls)
        {
            throw new FtpException($"{Verb(command)}: {r}");
        }
    }

    private async Task<FtpReply> CommandAsync(string command, CancellationToken ct)
    {
        using var cts = Op(ct);
        try
        {
            await SendAsync(command, cts.Token).ConfigureAwait(false);
            return await ReadReplyAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FtpException($"{Verb(command)}: no reply within {_o.OpTimeout}s");
        }
    }

    private async Task SendAsync(string command, CancellationToken ct)
    {
        if (_o.Verbose)
        {
            Console.Error.WriteLine("> " + (command.StartsWith("PASS ", StringComparison.Ordinal) ? "PASS ****" : command));
        }

        byte[] bytes = Encoding.UTF8.GetBytes(command + "\r\n");
        await _ctrl!.WriteAsync(bytes, ct).ConfigureAwait(false);
        await _ctrl.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task<FtpReply> ReadReplyAsync(CancellationToken ct)
    {
        string first = await ReadLineAsync(ct).ConfigureAwait(false);
        if (first.Length < 3 || !int.TryParse(first.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int code))
        {
            throw new FtpException($"malformed reply '{first}'");
        }

        if (first.Length > 3 && first[3] == '-')
        {
            string end = first[..3] + " ";
            var sb = new StringBuilder(first);
            for (int i = 0; i < 10_000; i++)
            {
                string line = await ReadLineAsync(ct).ConfigureAwait(false);
                sb.Append('\n').Append(line);
                if (line.StartsWith(end, StringComparison.Ordinal) || line == first[..3])
                {
                    var reply = new FtpReply(code, sb.ToString());
                    Trace(reply);
                    return reply;
                }
            }

            throw new FtpException("multi-line reply too long");
        }

        var single = new FtpReply(code, first);
        Trace(single);
        return single;
    }

    private void Trace(FtpReply r)
    {
        if (_o.Verbose)
        {
            Console.Error.WriteLine("< " + r.Text);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (_rpos < _rlen)
            {
                int nl = Array.IndexOf(_rbuf, (byte)'\n', _rpos, _rlen - _rpos);
                int take = (nl < 0 ? _rlen : nl) - _rpos;
                sb.Append(Encoding.UTF8.GetString(_rbuf, _rpos, take));
                if (nl >= 0)
                {
                    _rpos = nl + 1;
                    if (sb.Length > 0 && sb[^1] == '\r')
                    {
                        sb.Length--;
                    }

                    return sb.ToString();
                }

                _rpos = _rlen;
                if (sb.Length > 8192)
                {
                    throw new FtpException("reply line too long");
                }
            }

            _rpos = 0;
            _rlen = 0; // nothing stale is left behind if the read below is cancelled
            _rlen = await _ctrl!.ReadAsync(_rbuf, ct).ConfigureAwait(false);
            if (_rlen == 0)
            {
                throw new FtpException(sb.Length == 0 ? "control connection closed by server" : $"control connection closed mid-line '{sb}'");
            }
        }
    }

    private SslClientAuthenticationOptions SslOptions() => new()
    {
        TargetHost = _o.Host,
        RemoteCertificateValidationCallback = static (_, _, _, _) => true, // benchmark: self-signed peers
        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        EnabledSslProtocols = SslProtocols.None, // the system's defaults (TLS 1.2 and 1.3)
    };

    private CancellationTokenSource Op(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(_o.OpTimeoutSpan);
        return cts;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ctrl is not null)
        {
            try
            {
                await _ctrl.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // Closing anyway.
            }
        }

        _sock?.Dispose();
    }
}
