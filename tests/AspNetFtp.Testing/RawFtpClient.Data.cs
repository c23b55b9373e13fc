using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;

namespace AspNetFtp.Testing;

/// <summary>Passive data connections and whole transfers of <see cref="RawFtpClient"/>.</summary>
public sealed partial class RawFtpClient
{
    /// <summary>PASV (227 required): the announced endpoint.</summary>
    public async Task<IPEndPoint> PassiveAsync()
    {
        FtpReply reply = await ExpectAsync("PASV", 227);
        return ParsePasv(reply);
    }

    /// <summary>PASV, then a connection to the announced address and port.</summary>
    public async Task<Socket> OpenPassiveAsync() => await ConnectSocketAsync(await PassiveAsync());

    /// <summary>EPSV, then a connection to the announced port on the control connection's address.</summary>
    public async Task<Socket> OpenExtendedPassiveAsync()
    {
        FtpReply reply = await ExpectAsync("EPSV", 229);
        return await ConnectSocketAsync(new IPEndPoint(ServerEndPoint.Address, ParseEpsv(reply)));
    }

    /// <summary>PASV, then a connection to the announced port on 127.0.0.1 (whatever address was announced), from <paramref name="localAddress"/> when given.</summary>
    public async Task<TcpClient> OpenPassiveDataAsync(IPAddress? localAddress = null)
    {
        IPEndPoint endPoint = await PassiveAsync();
        return await ConnectDataAsync(endPoint.Port, localAddress);
    }

    /// <summary>A data connection to <paramref name="port"/> on 127.0.0.1, from <paramref name="localAddress"/> when given.</summary>
    public static async Task<TcpClient> ConnectDataAsync(int port, IPAddress? localAddress = null)
    {
        var data = localAddress is null ? new TcpClient(AddressFamily.InterNetwork) : new TcpClient(new IPEndPoint(localAddress, 0));
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            await data.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            return data;
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>The endpoint of a 227 reply: <c>(h1,h2,h3,h4,p1,p2)</c>.</summary>
    public static IPEndPoint ParsePasv(FtpReply reply)
    {
        Match m = PasvPattern().Match(reply.Text);
        Assert.True(m.Success, $"Not a 227 reply: {reply}");
        int[] n = [.. Enumerable.Range(1, 6).Select(i => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture))];
        return new IPEndPoint(new IPAddress([(byte)n[0], (byte)n[1], (byte)n[2], (byte)n[3]]), (n[4] << 8) | n[5]);
    }

    /// <summary>The port of a 229 reply: <c>(|||port|)</c>.</summary>
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

    /// <summary>Everything the server sends on <paramref name="socket"/> until it closes; throws when that takes longer than <see cref="Timeout"/>.</summary>
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

    /// <summary>
    /// Reads <paramref name="stream"/> to its end: the bytes, and whether it ended (EOF or reset) rather
    /// than ran out of <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(byte[] Data, bool Completed)> ReadToEndAsync(Stream stream, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        using var memory = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
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

    /// <summary>Sends <paramref name="content"/>, half-closes, then waits for the server to close its side.</summary>
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

    /// <summary>
    /// Sends <paramref name="length"/> zero bytes and half-closes, for an upload the server is expected to stop part-way
    /// (quota, full disk): the server resetting the data connection then is the expected end, not a failure.
    /// </summary>
    public static async Task SendExpectingCutAsync(Socket socket, int length)
    {
        try
        {
            await socket.SendAsync(new byte[length], SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The server stopped reading and reset the connection.
        }
    }

    [GeneratedRegex(@"\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)")]
    private static partial Regex PasvPattern();

    [GeneratedRegex(@"\(\|\|\|(\d+)\|\)")]
    private static partial Regex EpsvPattern();
}
