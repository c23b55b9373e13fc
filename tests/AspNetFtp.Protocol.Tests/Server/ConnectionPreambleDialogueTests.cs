using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Connections;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Server;

/// <summary>
/// The stage between accept and admission (where the PROXY protocol plugs in): a preamble read before FTP sets
/// the client address that limits, the session and passive data connections then use.
/// </summary>
public sealed class ConnectionPreambleDialogueTests
{
    private static readonly IPAddress Proxied = IPAddress.Parse("127.0.0.2");

    /// <summary>Reads one line <c>CLIENT a.b.c.d</c> byte by byte (nothing past it) and makes that address the client's.</summary>
    private sealed class ClientLinePreamble : IFtpConnectionPreamble
    {
        public async ValueTask<bool> ReadAsync(FtpTransport transport, CancellationToken cancellationToken)
        {
            var line = new StringBuilder();
            byte[] one = new byte[1];
            while (line.Length < 64)
            {
                if (await transport.Stream.ReadAsync(one, cancellationToken) == 0)
                {
                    return false;
                }

                if (one[0] == '\n')
                {
                    string text = line.ToString().TrimEnd('\r');
                    if (text.StartsWith("CLIENT ", StringComparison.Ordinal) && IPAddress.TryParse(text[7..], out IPAddress? address))
                    {
                        transport.RemoteEndPoint = new IPEndPoint(address, transport.RemoteEndPoint.Port);
                        return true;
                    }

                    return false;
                }

                line.Append((char)one[0]);
            }

            return false;
        }
    }

    private sealed class SilentPreamble : IFtpConnectionPreamble
    {
        public async ValueTask<bool> ReadAsync(FtpTransport transport, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return true;
        }
    }

    private static async Task<RawFtpClient> ConnectWithPreambleAsync(TestFtpServer server, string preamble)
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint);
        await client.SendRawAsync(Encoding.ASCII.GetBytes(preamble));
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        return client;
    }

    [Fact]
    public async Task The_session_reports_the_client_address_the_preamble_read()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(preambles: [new ClientLinePreamble()]);
        await using RawFtpClient client = await ConnectWithPreambleAsync(server, "CLIENT 127.0.0.2\r\n");

        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);

        Assert.Equal(Proxied, Assert.Single(server.Server.Sessions.List()).RemoteEndPoint.Address);
    }

    [Fact]
    public async Task The_per_address_limit_counts_the_address_the_preamble_read()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxConnectionsPerIp = 1, preambles: [new ClientLinePreamble()]);
        await using RawFtpClient first = await ConnectWithPreambleAsync(server, "CLIENT 127.0.0.8\r\n");
        // Same socket address as the first, another client behind the proxy: admitted.
        await using RawFtpClient second = await ConnectWithPreambleAsync(server, "CLIENT 127.0.0.9\r\n");

        await using RawFtpClient third = await RawFtpClient.ConnectAsync(server.EndPoint);
        await third.SendRawAsync("CLIENT 127.0.0.9\r\n"u8.ToArray());

        Assert.Equal(421, (await third.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task A_passive_data_connection_must_come_from_the_address_the_preamble_read()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(preambles: [new ClientLinePreamble()]);
        server.Home.WriteFile("f.txt", "for the proxied client");
        await using RawFtpClient client = await ConnectWithPreambleAsync(server, "CLIENT 127.0.0.2\r\n");
        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + TestAuthenticator.Password)).Code);
        IPEndPoint passive = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        // The control connection's socket address (127.0.0.1) is not the client any more.
        using Socket fromSocketAddress = await RawFtpClient.ConnectSocketAsync(passive, IPAddress.Loopback);
        using (var bounded = new CancellationTokenSource(RawFtpClient.Timeout))
        {
            Assert.Equal(0, await fromSocketAddress.ReceiveAsync(new byte[16], SocketFlags.None, bounded.Token));
        }

        using Socket fromClient = await RawFtpClient.ConnectSocketAsync(passive, Proxied);
        Assert.Equal(150, (await client.CommandAsync("RETR f.txt")).Code);
        Assert.Equal("for the proxied client", Encoding.UTF8.GetString(await RawFtpClient.ReadToEndAsync(fromClient)));
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task A_refused_preamble_closes_the_connection_without_a_greeting()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(preambles: [new ClientLinePreamble()]);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint);

        await client.SendRawAsync("GARBAGE\r\n"u8.ToArray());

        Assert.True(await client.IsClosedByServerAsync());
        Assert.Equal(0, server.Server.SessionCount);
    }

    [Fact]
    public async Task A_preamble_that_does_not_arrive_within_the_preamble_timeout_drops_the_connection()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Preamble = TimeSpan.FromSeconds(1), preambles: [new SilentPreamble()]);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint);

        Assert.True(await client.IsClosedByServerAsync());
    }
}
