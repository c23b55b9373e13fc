using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Security issue 6: what a transfer or a passive listener holds must be released when it ends, not when
/// the session does.
/// </summary>
public sealed class TransferLifetimeDialogueTests
{
    [Fact]
    public async Task Repeated_transfers_in_one_session_leave_none_of_their_cancellation_sources_behind()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        var sources = new ConcurrentQueue<WeakReference>();
        server.Server.Context!.TransferSourceCreated = cts => sources.Enqueue(new WeakReference(cts));
        server.Home.WriteFile("f.txt", "x");
        // Bound but not listening, and held for the whole test: a connect to it is refused, and no other socket
        // (a parallel test's passive listener on an ephemeral port) can take the port meanwhile.
        using Socket refusing = BoundButNotListening(out int closedPort);
        await using RawFtpClient client = await server.LoginAsync();

        const int Attempts = 200;
        for (int i = 0; i < Attempts; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal("f.txt\r\n", Encoding.UTF8.GetString(await client.DownloadAsync("NLST")));
            }
            else
            {
                // A failed attempt (nobody listens on the PORT target) creates and ends a transfer as well.
                Assert.Equal(200, (await client.CommandAsync($"PORT 127,0,0,1,{closedPort >> 8},{closedPort & 0xFF}")).Code);
                Assert.Equal(425, (await client.CommandAsync("NLST")).Code);
            }
        }

        Assert.Equal(Attempts, sources.Count);

        // The session is still open: whatever it still references now stays until it ends.
        Assert.Equal(0, CountAlive(sources));
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_passive_port_nobody_uses_returns_to_the_pool_after_the_data_timeout()
    {
        var time = new FakeTimeProvider();
        int port = UnusedPort.Take();
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.DataChannel.PassivePorts = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Timeouts.Data = TimeSpan.FromSeconds(30);
        }, time: time);
        await using RawFtpClient holder = await server.LoginAsync();
        await using RawFtpClient other = await server.LoginAsync();
        Assert.Equal(port, RawFtpClient.ParsePasv(await holder.CommandAsync("PASV")).Port);
        Assert.Equal(425, (await other.CommandAsync("PASV")).Code);

        time.Advance(TimeSpan.FromSeconds(30));

        FtpReply again = await other.CommandAsync("PASV");
        Assert.Equal(227, again.Code);
        Assert.Equal(port, RawFtpClient.ParsePasv(again).Port);
        Assert.Equal(425, (await holder.CommandAsync("NLST")).Code);
    }

    [Fact]
    public async Task A_passive_port_is_kept_until_the_data_timeout_has_fully_passed()
    {
        var time = new FakeTimeProvider();
        int port = UnusedPort.Take();
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            o.DataChannel.PassivePorts = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Timeouts.Data = TimeSpan.FromSeconds(30);
        }, time: time);
        server.Home.WriteFile("f.txt", "x");
        await using RawFtpClient client = await server.LoginAsync();
        FtpReply pasv = await client.CommandAsync("PASV");

        time.Advance(TimeSpan.FromSeconds(29));

        using Socket data = await RawFtpClient.ConnectSocketAsync(RawFtpClient.ParsePasv(pasv));
        Assert.Equal(150, (await client.CommandAsync("NLST")).Code);
        Assert.Equal("f.txt\r\n", Encoding.UTF8.GetString(await RawFtpClient.ReadToEndAsync(data)));
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountAlive(IEnumerable<WeakReference> references)
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect();
        return references.Count(r => r.IsAlive);
    }

    private static Socket BoundButNotListening(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }
}
