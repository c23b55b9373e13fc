using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>A small wire-level FTP control client; every read is bounded by a timeout.</summary>
internal sealed partial class FtpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private FtpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<FtpClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await tcp.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        var client = new FtpClient(tcp);
        (int code, string text) = await client.ReadReplyAsync();
        Assert.True(code == 220, text);
        return client;
    }

    public async Task<(int Code, string Text)> CommandAsync(string line, TimeSpan? timeout = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        await _stream.WriteAsync(bytes);
        return await ReadReplyAsync(timeout);
    }

    /// <summary>USER and PASS; the reply code of PASS.</summary>
    public async Task<(int Code, string Text)> LoginAsync(string user, string password, TimeSpan? timeout = null)
    {
        (int code, string text) = await CommandAsync("USER " + user);
        Assert.True(code == 331, text);
        return await CommandAsync("PASS " + password, timeout);
    }

    public async Task<(int Code, string Text)> ReadReplyAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        string first = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The server closed the control connection.");
        var text = new StringBuilder(first);
        if (first.Length > 3 && first[3] == '-')
        {
            string terminator = first[..3] + " ";
            string? line;
            do
            {
                line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException();
                text.Append('\n').Append(line);
            }
            while (!line.StartsWith(terminator, StringComparison.Ordinal));
        }

        return (int.Parse(first.AsSpan(0, 3), CultureInfo.InvariantCulture), text.ToString());
    }

    /// <summary>PASV, then a connection to the advertised port.</summary>
    public async Task<TcpClient> OpenPassiveAsync()
    {
        (int code, string text) = await CommandAsync("PASV");
        Assert.True(code == 227, text);
        Match m = PasvNumbers().Match(text);
        int port = (int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) * 256) + int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture);
        var data = new TcpClient(AddressFamily.InterNetwork);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await data.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        return data;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    [GeneratedRegex(@"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)")]
    private static partial Regex PasvNumbers();
}
