using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>Connection limits and the ordered stop, seen from the wire.</summary>
public sealed class ServerLifecycleDialogueTests
{
    [Fact]
    public async Task The_listener_reports_its_real_port_when_port_0_was_asked_for()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();

        FtpListenerInfo listener = Assert.Single(server.Server.Listeners);
        Assert.Equal(FtpListenerKind.Ftp, listener.Kind);
        Assert.NotEqual(0, listener.EndPoint.Port);
    }

    [Fact]
    public async Task The_greeting_is_220_with_the_configured_banner()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Banner = "Welcome to the test.");
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint);

        Assert.Equal("220 Welcome to the test.", (await client.ReadReplyAsync()).Text);
    }

    [Fact]
    public async Task With_two_connections_per_address_the_third_gets_421_and_is_closed()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxConnectionsPerIp = 2);
        await using RawFtpClient first = await server.ConnectAsync();
        await using RawFtpClient second = await server.ConnectAsync();

        await using RawFtpClient third = await RawFtpClient.ConnectAsync(server.EndPoint);

        Assert.Equal(421, (await third.ReadReplyAsync()).Code);
        Assert.True(await third.IsClosedByServerAsync());
        Assert.Equal(200, (await first.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task The_per_address_limit_does_not_count_other_addresses()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxConnectionsPerIp = 1);
        await using RawFtpClient local = await server.ConnectAsync();

        await using RawFtpClient other = await server.ConnectAsync(System.Net.IPAddress.Parse("127.0.0.2"));

        Assert.Equal(200, (await other.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_closed_connection_frees_its_place_under_the_per_address_limit()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxConnectionsPerIp = 1);
        await using (RawFtpClient first = await server.ConnectAsync())
        {
            Assert.Equal(221, (await first.CommandAsync("QUIT")).Code);
            Assert.True(await first.IsClosedByServerAsync());
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Server.SessionCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await using RawFtpClient again = await server.ConnectAsync();
        Assert.Equal(200, (await again.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task With_the_total_limit_reached_a_new_connection_gets_421()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxConnections = 1);
        await using RawFtpClient first = await server.ConnectAsync();

        await using RawFtpClient second = await RawFtpClient.ConnectAsync(server.EndPoint, System.Net.IPAddress.Parse("127.0.0.2"));

        Assert.Equal(421, (await second.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Stopping_the_server_sends_421_to_an_idle_session_and_closes_it()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Task stop = server.Server.StopAsync(CancellationToken.None);

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        Assert.True(await client.IsClosedByServerAsync());
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Stopping_the_server_sends_421_to_a_session_that_has_not_logged_in()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Task stop = server.Server.StopAsync(CancellationToken.None);

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task After_stopping_the_server_accepts_no_new_connection()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        System.Net.IPEndPoint endPoint = server.EndPoint;

        await server.Server.StopAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => RawFtpClient.ConnectAsync(endPoint));
    }

    [Fact]
    public async Task The_idle_timeout_before_login_gets_421_and_closes_the_connection()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Login = TimeSpan.FromSeconds(1));
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Starting_twice_is_refused()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Server.StartAsync(CancellationToken.None));
    }
}
