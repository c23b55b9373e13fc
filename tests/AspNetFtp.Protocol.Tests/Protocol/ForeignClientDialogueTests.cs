using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Bounce and port stealing with the client on another address than the server's: the server listens on
/// 127.0.0.1, the client's control (and data) sockets are bound to 127.0.0.2, a third party sits on
/// 127.0.0.3. With client and server both on 127.0.0.1, a check against the server's own address instead of
/// the client's would pass every test; these catch it.
/// </summary>
public sealed class ForeignClientDialogueTests
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Third = IPAddress.Parse("127.0.0.3");

    private static string PortArgument(IPEndPoint target)
    {
        byte[] a = target.Address.GetAddressBytes();
        return $"{a[0]},{a[1]},{a[2]},{a[3]},{target.Port >> 8},{target.Port & 0xFF}";
    }

    private static async Task<bool> IsClosedByPeerAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(RawFtpClient.Timeout);
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None, cts.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The client's own listener on 127.0.0.2, then the verb, then RETR over the connection it gets.</summary>
    private static async Task<string> DownloadActiveAsync(RawFtpClient client, Func<IPEndPoint, string> command)
    {
        using var listener = new TcpListener(Client, 0);
        listener.Start();
        var target = (IPEndPoint)listener.LocalEndpoint;

        Assert.Equal(200, (await client.CommandAsync(command(target))).Code);
        await client.SendAsync("RETR data.txt");
        using var accept = new CancellationTokenSource(RawFtpClient.Timeout);
        using Socket data = await listener.AcceptSocketAsync(accept.Token);
        Assert.Equal(150, (await client.ReadReplyAsync()).Code);
        byte[] bytes = await RawFtpClient.ReadToEndAsync(data);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        return Encoding.UTF8.GetString(bytes);
    }

    [Fact]
    public async Task Port_from_a_client_on_127_0_0_2_to_its_own_address_transfers_the_file()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("data.txt", "active payload");
        await using RawFtpClient client = await server.LoginAsync(Client);

        string received = await DownloadActiveAsync(client, target => "PORT " + PortArgument(target));

        Assert.Equal("active payload", received);
    }

    [Fact]
    public async Task Eprt_from_a_client_on_127_0_0_2_to_its_own_address_transfers_the_file()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("data.txt", "extended payload");
        await using RawFtpClient client = await server.LoginAsync(Client);

        string received = await DownloadActiveAsync(client, target => $"EPRT |1|127.0.0.2|{target.Port}|");

        Assert.Equal("extended payload", received);
    }

    [Theory]
    [InlineData("PORT 127,0,0,1,4,1")]
    [InlineData("PORT 127,0,0,3,4,1")]
    [InlineData("EPRT |1|127.0.0.1|1025|")]
    [InlineData("EPRT |1|127.0.0.3|1025|")]
    public async Task Port_and_eprt_from_a_client_on_127_0_0_2_to_any_other_address_get_501(string command)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync(Client);

        FtpReply reply = await client.CommandAsync(command);

        Assert.Equal(501, reply.Code);
        Assert.Equal(425, (await client.CommandAsync("LIST")).Code);
    }

    [Fact]
    public async Task A_refused_port_leaves_no_connection_attempt_to_the_named_host()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("data.txt", "x");
        await using RawFtpClient client = await server.LoginAsync(Client);
        using var victim = new TcpListener(Third, 0);
        victim.Start();
        var target = (IPEndPoint)victim.LocalEndpoint;

        Assert.Equal(501, (await client.CommandAsync("PORT " + PortArgument(target))).Code);
        Assert.Equal(425, (await client.CommandAsync("RETR data.txt")).Code);

        Assert.False(victim.Pending(), "the server connected to 127.0.0.3 after a refused PORT");
    }

    [Fact]
    public async Task Port_to_127_0_0_3_is_accepted_only_when_AllowForeignDataAddress_is_on()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.DataChannel.AllowForeignAddress = true);
        await using RawFtpClient client = await server.LoginAsync(Client);

        Assert.Equal(200, (await client.CommandAsync("PORT 127,0,0,3,4,1")).Code);
    }

    [Fact]
    public async Task A_passive_connection_from_127_0_0_3_is_closed_while_the_control_is_on_127_0_0_2_and_the_client_gets_its_data()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(logs: logs);
        server.Home.WriteFile("data.bin", "the real payload");
        await using RawFtpClient client = await server.LoginAsync(Client);
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        IPEndPoint passive = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        using Socket thief = await RawFtpClient.ConnectSocketAsync(passive, Third);
        await client.SendAsync("RETR data.bin");
        Assert.True(await IsClosedByPeerAsync(thief), "the connection from 127.0.0.3 got data or stayed open");

        using Socket owner = await RawFtpClient.ConnectSocketAsync(passive, Client);
        Assert.Equal(150, (await client.ReadReplyAsync()).Code);
        byte[] payload = await RawFtpClient.ReadToEndAsync(owner);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        Assert.Equal("the real payload", Encoding.UTF8.GetString(payload));
        Assert.Contains(logs.Records, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains("port stealing", StringComparison.Ordinal)
            && r.Message.Contains("127.0.0.3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_passive_connection_from_the_servers_own_address_is_closed_while_the_control_is_on_127_0_0_2()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("data.bin", "the real payload");
        await using RawFtpClient client = await server.LoginAsync(Client);
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        IPEndPoint passive = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        using Socket thief = await RawFtpClient.ConnectSocketAsync(passive, IPAddress.Loopback);
        await client.SendAsync("RETR data.bin");
        Assert.True(await IsClosedByPeerAsync(thief), "the connection from 127.0.0.1 got data or stayed open");

        using Socket owner = await RawFtpClient.ConnectSocketAsync(passive, Client);
        Assert.Equal(150, (await client.ReadReplyAsync()).Code);
        Assert.Equal("the real payload", Encoding.UTF8.GetString(await RawFtpClient.ReadToEndAsync(owner)));
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task A_passive_transfer_with_only_a_thief_connecting_ends_in_425_and_the_thief_gets_nothing()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Data = TimeSpan.FromSeconds(1));
        server.Home.WriteFile("data.bin", "the real payload");
        await using RawFtpClient client = await server.LoginAsync(Client);
        IPEndPoint passive = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        using Socket thief = await RawFtpClient.ConnectSocketAsync(passive, Third);
        Assert.Equal(425, (await client.CommandAsync("RETR data.bin")).Code);

        Assert.True(await IsClosedByPeerAsync(thief), "the connection from 127.0.0.3 got data or stayed open");
    }
}
