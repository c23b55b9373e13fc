using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Data;

public sealed class ZeroCopySenderTests
{
    private const int FileSize = 16 * 1024 * 1024;

    [Fact]
    public async Task A_download_whose_client_stops_reading_fails_as_stalled_after_the_data_timeout()
    {
        using var temp = new TempDirectory();
        (Socket server, Socket client) = await ConnectedPairAsync();
        using (server)
        using (client)
        await using (FileStream file = OpenFile(temp))
        {
            var progress = new TransferProgress("RETR", false);
            Task<long> send = ZeroCopySender.SendAsync(server, file, 0, TimeSpan.FromSeconds(1), progress, CancellationToken.None);

            await EndsWithinAsync(send);
            await Assert.ThrowsAsync<TimeoutException>(() => send);
            Assert.InRange(progress.Bytes, 1, FileSize - 1);
        }
    }

    [Fact]
    public async Task Cancelling_a_download_whose_client_stops_reading_ends_it_with_the_cancellation()
    {
        using var temp = new TempDirectory();
        (Socket server, Socket client) = await ConnectedPairAsync();
        using (server)
        using (client)
        await using (FileStream file = OpenFile(temp))
        {
            using var cts = new CancellationTokenSource();
            var progress = new TransferProgress("RETR", false);
            Task<long> send = ZeroCopySender.SendAsync(server, file, 0, TimeSpan.FromMinutes(10), progress, cts.Token);
            await WaitUntilAsync(() => progress.Bytes > 0);

            await cts.CancelAsync();

            await EndsWithinAsync(send);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        }
    }

    private static FileStream OpenFile(TempDirectory temp)
    {
        string path = temp["big.bin"];
        byte[] content = new byte[FileSize];
        new Random(7).NextBytes(content);
        File.WriteAllBytes(path, content);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
    }

    private static async Task<(Socket Server, Socket Client)> ConnectedPairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Task connect = client.ConnectAsync(listener.LocalEndPoint!);
        Socket server = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await connect.WaitAsync(TimeSpan.FromSeconds(30));
        return (server, client);
    }

    private static long ReadToEnd(Socket socket)
    {
        socket.ReceiveTimeout = 30_000;
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = socket.Receive(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>A bound for a hung send (not a timing assertion): far above the one second the stall timer needs.</summary>
    private static async Task EndsWithinAsync(Task send)
    {
        Task first = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(first == send, "the send did not end");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
