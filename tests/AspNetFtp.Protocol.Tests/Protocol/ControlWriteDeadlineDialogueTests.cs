using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Security issue 6: a client that stops reading must not keep its session (and its place under the
/// connection limits) for ever; every reply and every listing write has a deadline.
/// </summary>
public sealed class ControlWriteDeadlineDialogueTests
{
    /// <summary>Far above the 1 s login timeout the server is given; only a server that never closes reaches it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_that_floods_help_and_never_reads_is_reset_once_a_reply_cannot_be_written_within_the_login_timeout()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Login = TimeSpan.FromSeconds(1));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveBufferSize = 4096,
            SendBufferSize = 4096,
        };
        using (var connect = new CancellationTokenSource(RawFtpClient.Timeout))
        {
            await socket.ConnectAsync(server.EndPoint, connect.Token);
        }

        byte[] help = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("HELP\r\n", 1000)));
        long sent = 0;
        SocketException? reset = null;
        using var bound = new CancellationTokenSource(Bound);
        try
        {
            // The server answers each HELP with a multi-line reply; the client never reads, so the server's
            // writes block and, soon after, so do the client's sends. Bounded by bytes as well as by time.
            while (sent < 1L << 30)
            {
                sent += await socket.SendAsync(help, SocketFlags.None, bound.Token);
            }
        }
        catch (SocketException ex)
        {
            reset = ex;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The connection was still open {Bound.TotalSeconds} s after it stopped reading ({sent} bytes of HELP sent).");
        }

        Assert.True(reset is not null, $"The client sent {sent} bytes without ever blocking.");
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.OfType<ClientDisconnected>().Any());
        Assert.Single(events.OfType<ClientDisconnected>());
        Assert.Equal(0, server.Server.SessionCount);
    }

    [Fact]
    public async Task An_extra_connection_from_127_0_0_2_gets_421_while_127_0_0_1_still_connects()
    {
        IPAddress foreign = IPAddress.Parse("127.0.0.2");
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxConnectionsPerIp = 1);
        await using RawFtpClient first = await server.ConnectAsync(foreign);

        await using RawFtpClient extra = await RawFtpClient.ConnectAsync(server.EndPoint, foreign);
        FtpReply refused = await extra.ReadReplyAsync();
        Assert.Equal(421, refused.Code);
        Assert.True(await extra.IsClosedByServerAsync());

        await using RawFtpClient local = await server.ConnectAsync();
        Assert.Equal(200, (await local.CommandAsync("NOOP")).Code);
        Assert.Equal(200, (await first.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_listing_whose_data_connection_is_never_read_gets_426_after_the_data_timeout()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Data = TimeSpan.FromSeconds(1));
        using TempDirectory home = TempDirectory.InMemoryIfPossible();
        server.Authenticator.AddUser("bob", "pw", home.Path);

        // About 6 MB of listing, more than the kernel buffers of both ends hold (tcp_wmem's 4 MB at most).
        string longName = new('n', 250);
        for (int i = 0; i < 20_000; i++)
        {
            File.WriteAllBytes(home[$"{i:D5}{longName}"], []);
        }

        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(331, (await client.CommandAsync("USER bob")).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS pw")).Code);
        FtpReply pasv = await client.CommandAsync("PASV");
        using var data = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        using (var connect = new CancellationTokenSource(RawFtpClient.Timeout))
        {
            await data.ConnectAsync(RawFtpClient.ParsePasv(pasv), connect.Token);
        }

        Assert.Equal(150, (await client.CommandAsync("LIST")).Code);

        // The client reads none of the listing.
        FtpReply reply = await client.ReadReplyAsync();
        Assert.Equal(426, reply.Code);
        Assert.Equal("426 Data connection timed out; transfer aborted.", reply.Text);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }
}
