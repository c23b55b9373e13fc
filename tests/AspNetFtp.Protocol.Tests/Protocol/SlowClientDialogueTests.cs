using System.Diagnostics;
using System.Net.Sockets;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Security issue 6: the data timeout means "no progress for that long" on every copy path. A client that
/// reads steadily, but slower than the file's size per timeout, must get the whole file.
/// </summary>
public sealed class SlowClientDialogueTests
{
    private const int DataTimeoutSeconds = 2;
    private const int BytesPerSecond = 4 * 1024 * 1024;

    // Many sendfile chunks (ZeroCopySender.ChunkSize), and far more than the client can read in one data timeout (with the kernel's
    // socket buffers, at most about 4 MiB, taken off): a whole-file deadline cannot be met.
    private const int FileSize = 24 * 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_steady_client_slower_than_the_file_per_data_timeout_receives_the_whole_file_with_226(bool sendfile)
    {
        Assert.True(FileSize - (4 * 1024 * 1024) > 2 * DataTimeoutSeconds * BytesPerSecond);
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.Timeouts.Data = TimeSpan.FromSeconds(DataTimeoutSeconds);
            o.UseSendfile = sendfile;
        });
        byte[] content = new byte[FileSize];
        new Random(6).NextBytes(content);
        await File.WriteAllBytesAsync(server.Home["big.bin"], content);
        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        FtpReply pasv = await client.CommandAsync("PASV");
        Assert.Equal(227, pasv.Code);
        using var data = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 32 * 1024 };
        await data.ConnectAsync(RawFtpClient.ParsePasv(pasv));

        Assert.Equal(150, (await client.CommandAsync("RETR big.bin")).Code);
        byte[] received = await ReadAtSteadyPaceAsync(data, FileSize);
        FtpReply done = await client.ReadReplyAsync();

        Assert.True(done.Code == 226, $"expected 226, got {done}");
        Assert.True(content.AsSpan().SequenceEqual(received), "the bytes received differ from the file");
    }

    /// <summary>Reads to the end, never faster than <see cref="BytesPerSecond"/> on average.</summary>
    private static async Task<byte[]> ReadAtSteadyPaceAsync(Socket socket, int expected)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var result = new MemoryStream(expected);
        byte[] buffer = new byte[16 * 1024];
        var clock = Stopwatch.StartNew();
        int read;
        try
        {
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
            {
                result.Write(buffer, 0, read);
                TimeSpan due = TimeSpan.FromSeconds((double)result.Length / BytesPerSecond);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cts.Token);
                }
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The server gave up on the transfer; its reply says why.
        }

        return result.ToArray();
    }
}
