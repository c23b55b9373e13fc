using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Connections.ProxyProtocol;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Connections.ProxyProtocol;

/// <summary>
/// <c>FtpServer:ProxyProtocol</c> with a real server and raw sockets: 127.0.0.1 is the trusted balancer, 127.0.0.2
/// a host that is not, and the header names the client the limits, the defender, the login and the data
/// connections then see.
/// </summary>
public sealed class ProxyProtocolDialogueTests
{
    private static readonly IPAddress Untrusted = IPAddress.Parse("127.0.0.2");
    private static readonly IPEndPoint RealClient = new(IPAddress.Parse("198.51.100.7"), 40000);
    private static readonly IPEndPoint Balanced = new(IPAddress.Parse("10.0.0.5"), 21);

    private static Task<TestFtpServer> StartAsync(Action<FtpServerOptions>? configure = null, RecordingLoggerProvider? logs = null) =>
        TestFtpServer.StartAsync(logs: logs, configure: o =>
        {
            o.ProxyProtocol.Enabled = true;
            o.ProxyProtocol.TrustedProxies = ["127.0.0.1/32"];
            configure?.Invoke(o);
        });

    /// <summary>Connects from 127.0.0.1 (the balancer), sends <paramref name="header"/> and reads the 220.</summary>
    private static async Task<RawFtpClient> ConnectThroughProxyAsync(TestFtpServer server, byte[] header, IPEndPoint? to = null)
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(to ?? server.EndPoint, IPAddress.Loopback);
        await client.SendRawAsync(header);
        FtpReply greeting = await client.ReadReplyAsync();
        Assert.True(greeting.Code == 220, $"Expected the 220 greeting, got {greeting}");
        return client;
    }

    /// <summary>
    /// Connects from <paramref name="from"/>, sends <paramref name="bytes"/> if any, and tells whether the server closes
    /// (or resets: a refused connection is dropped at once, sometimes before the client's connect returns) without
    /// one reply line.
    /// </summary>
    private static async Task<bool> ClosedWithoutGreetingAsync(TestFtpServer server, IPAddress from, byte[]? bytes)
    {
        try
        {
            await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint, from);
            if (bytes is not null)
            {
                await client.SendRawAsync(bytes);
            }

            return await client.IsClosedByServerAsync();
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return true;
        }
    }

    private static async Task LoginAsync(RawFtpClient client)
    {
        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + TestAuthenticator.Password)).Code);
    }

    [Fact]
    public async Task A_v1_header_from_a_trusted_proxy_makes_its_source_the_sessions_client()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await ConnectThroughProxyAsync(server, ProxyHeaders.V1(RealClient, Balanced));

        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);

        FtpSessionInfo session = Assert.Single(server.Server.Sessions.List());
        Assert.Equal((RealClient, IPAddress.Loopback), (session.RemoteEndPoint, session.ProxyEndPoint?.Address));
    }

    [Fact]
    public async Task A_v2_header_from_a_trusted_proxy_makes_its_source_the_client_the_authenticator_sees()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await ConnectThroughProxyAsync(server, ProxyHeaders.V2(RealClient, Balanced, tlvBytes: 24));

        await LoginAsync(client);

        Assert.Equal(RealClient, server.Authenticator.LastRemoteEndPoint);
    }

    [Fact]
    public async Task A_v2_local_header_keeps_the_proxy_as_the_client()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await ConnectThroughProxyAsync(server, ProxyHeaders.V2Local());

        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);

        FtpSessionInfo session = Assert.Single(server.Server.Sessions.List());
        Assert.Equal((client.LocalEndPoint, (IPEndPoint?)null), (session.RemoteEndPoint, session.ProxyEndPoint));
    }

    [Fact]
    public async Task A_header_from_an_address_that_is_not_a_trusted_proxy_is_closed_without_a_greeting()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartAsync(logs: logs);

        Assert.True(await ClosedWithoutGreetingAsync(server, Untrusted, ProxyHeaders.V1(RealClient, Balanced)));

        Assert.Contains(logs.Records, r => r.EventId.Name == "ConnectionRefused" && r.Message.Contains(ProxyProtocolPreamble.Untrusted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_direct_client_is_served_as_itself_when_direct_clients_are_allowed()
    {
        await using TestFtpServer server = await StartAsync(o => o.ProxyProtocol.AllowDirectClients = true);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint, Untrusted);

        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        await LoginAsync(client);

        Assert.Equal(Untrusted, server.Authenticator.LastRemoteEndPoint?.Address);
    }

    [Fact]
    public async Task A_trusted_proxy_that_sends_no_header_is_closed_at_the_preamble_deadline()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartAsync(o => o.Timeouts.Preamble = TimeSpan.FromMilliseconds(500), logs);

        Assert.True(await ClosedWithoutGreetingAsync(server, IPAddress.Loopback, null));

        Assert.Equal(0, server.Server.SessionCount);
        Assert.Contains(logs.Records, r => r.EventId.Name == "ConnectionRefused" && r.Message.Contains(ProxyHeaderReader.Missing, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trusted_proxy_that_stops_in_the_middle_of_a_header_is_closed_at_the_preamble_deadline()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartAsync(o => o.Timeouts.Preamble = TimeSpan.FromMilliseconds(500), logs);

        Assert.True(await ClosedWithoutGreetingAsync(server, IPAddress.Loopback, ProxyHeaders.V2(RealClient, Balanced)[..20]));

        Assert.Contains(logs.Records, r => r.EventId.Name == "ConnectionRefused" && r.Message.Contains(ProxyHeaderReader.TimedOut, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trusted_proxy_that_sends_no_header_is_served_as_itself_after_the_deadline_when_the_header_is_optional()
    {
        await using TestFtpServer server = await StartAsync(o =>
        {
            o.ProxyProtocol.Required = false;
            o.Timeouts.Preamble = TimeSpan.FromMilliseconds(300);
        });
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint, IPAddress.Loopback);

        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        await LoginAsync(client);

        Assert.Equal(client.LocalEndPoint, server.Authenticator.LastRemoteEndPoint);
    }

    [Fact]
    public async Task A_garbage_header_from_a_trusted_proxy_is_closed_without_a_greeting()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartAsync(logs: logs);

        Assert.True(await ClosedWithoutGreetingAsync(server, IPAddress.Loopback, "PROXY TCP4 198.51.100.7  10.0.0.5 40000 21\r\n"u8.ToArray()));

        Assert.Contains(logs.Records, r => r.EventId.Name == "ConnectionRefused" && r.Message.Contains(ProxyHeaderReader.Malformed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_sent_in_the_same_write_as_the_header_is_not_lost()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint, IPAddress.Loopback);

        await client.SendRawAsync([.. ProxyHeaders.V1(RealClient, Balanced), .. Encoding.ASCII.GetBytes("USER " + TestAuthenticator.UserName + "\r\n")]);

        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        Assert.Equal(331, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task The_per_address_limit_counts_the_headers_source_not_the_proxy()
    {
        await using TestFtpServer server = await StartAsync(o => o.Limits.MaxConnectionsPerIp = 2);
        byte[] header = ProxyHeaders.V2(RealClient, Balanced);
        await using RawFtpClient first = await ConnectThroughProxyAsync(server, header);
        await using RawFtpClient second = await ConnectThroughProxyAsync(server, header);

        await using RawFtpClient third = await RawFtpClient.ConnectAsync(server.EndPoint, IPAddress.Loopback);
        await third.SendRawAsync(header);
        Assert.Equal(421, (await third.ReadReplyAsync()).Code);

        // Another client behind the same proxy still has its places.
        await using RawFtpClient other = await ConnectThroughProxyAsync(server, ProxyHeaders.V2(new IPEndPoint(IPAddress.Parse("198.51.100.8"), 40000), Balanced));
    }

    [Fact]
    public async Task A_ban_of_the_headers_source_refuses_the_proxied_connection_with_421()
    {
        await using TestFtpServer server = await StartAsync(o => o.Defender.Enabled = true);
        await server.Defender.BanAsync(RealClient.Address.ToString(), null, "test", "test", CancellationToken.None);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint, IPAddress.Loopback);

        await client.SendRawAsync(ProxyHeaders.V1(RealClient, Balanced));

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task A_passive_data_connection_from_the_proxy_is_refused_when_the_header_named_another_client()
    {
        await using TestFtpServer server = await StartAsync();
        server.Home.WriteFile("f.txt", "data");
        await using RawFtpClient client = await ConnectThroughProxyAsync(server, ProxyHeaders.V1(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 40000), Balanced));
        await LoginAsync(client);
        IPEndPoint passive = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        using Socket fromProxy = await RawFtpClient.ConnectSocketAsync(passive, IPAddress.Loopback);

        using var bounded = new CancellationTokenSource(RawFtpClient.Timeout);
        Assert.Equal(0, await fromProxy.ReceiveAsync(new byte[16], SocketFlags.None, bounded.Token));
    }

    [Fact]
    public async Task A_passive_data_connection_from_the_client_the_header_named_is_accepted()
    {
        await using TestFtpServer server = await StartAsync();
        server.Home.WriteFile("f.txt", "data");
        await using RawFtpClient client = await ConnectThroughProxyAsync(server, ProxyHeaders.V1(new IPEndPoint(IPAddress.Loopback, 40000), Balanced));
        await LoginAsync(client);
        IPEndPoint passive = RawFtpClient.ParsePasv(await client.CommandAsync("PASV"));

        using Socket data = await RawFtpClient.ConnectSocketAsync(passive, IPAddress.Loopback);
        Assert.Equal(150, (await client.CommandAsync("RETR f.txt")).Code);

        Assert.Equal("data", Encoding.UTF8.GetString(await RawFtpClient.ReadToEndAsync(data)));
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task A_trusted_proxy_is_never_banned_so_its_health_checks_cannot_lock_out_the_clients_behind_it()
    {
        await using TestFtpServer server = await StartAsync(o =>
        {
            o.Defender.Enabled = true;
            o.Defender.Threshold = 1;
        });
        // A LOCAL health check that ends without a login would score the balancer's own address.
        await using (RawFtpClient check = await ConnectThroughProxyAsync(server, ProxyHeaders.V2Local()))
        {
            Assert.Equal(221, (await check.CommandAsync("QUIT")).Code);
        }

        await server.Defender.BanAsync("127.0.0.1", null, "test", "test", CancellationToken.None);

        await using RawFtpClient client = await ConnectThroughProxyAsync(server, ProxyHeaders.V1(RealClient, Balanced));
        await LoginAsync(client);
    }

    /// <summary>A session whose header names 127.0.0.3, with <c>ProxyProtocol:DataConnections</c>, and its PASV port.</summary>
    private static async Task<(RawFtpClient Client, IPEndPoint Passive)> ProxiedPassiveSessionAsync(TestFtpServer server)
    {
        RawFtpClient client = await ConnectThroughProxyAsync(server, ProxyHeaders.V2(new IPEndPoint(ThirdHost, 40000), Balanced));
        await LoginAsync(client);
        return (client, RawFtpClient.ParsePasv(await client.CommandAsync("PASV")));
    }

    private static readonly IPAddress ThirdHost = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task A_passive_data_connection_through_the_proxy_is_accepted_when_its_header_names_the_sessions_client()
    {
        await using TestFtpServer server = await StartAsync(o => o.ProxyProtocol.DataConnections = true);
        server.Home.WriteFile("f.txt", "data");
        (RawFtpClient client, IPEndPoint passive) = await ProxiedPassiveSessionAsync(server);
        await using RawFtpClient _ = client;

        using Socket data = await RawFtpClient.ConnectSocketAsync(passive, IPAddress.Loopback);
        await data.SendAsync(ProxyHeaders.V2(new IPEndPoint(ThirdHost, 40001), passive));
        Assert.Equal(150, (await client.CommandAsync("RETR f.txt")).Code);

        Assert.Equal("data", Encoding.UTF8.GetString(await RawFtpClient.ReadToEndAsync(data)));
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task A_passive_data_connection_through_the_proxy_is_refused_when_its_header_names_another_client()
    {
        await using TestFtpServer server = await StartAsync(o => o.ProxyProtocol.DataConnections = true);
        (RawFtpClient client, IPEndPoint passive) = await ProxiedPassiveSessionAsync(server);
        await using RawFtpClient _ = client;

        using Socket data = await RawFtpClient.ConnectSocketAsync(passive, IPAddress.Loopback);
        await data.SendAsync(ProxyHeaders.V2(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 40001), passive));

        using var bounded = new CancellationTokenSource(RawFtpClient.Timeout);
        Assert.Equal(0, await data.ReceiveAsync(new byte[16], SocketFlags.None, bounded.Token));
    }

    [Fact]
    public async Task A_passive_data_connection_straight_from_the_sessions_client_is_accepted_with_data_connections_on()
    {
        await using TestFtpServer server = await StartAsync(o => o.ProxyProtocol.DataConnections = true);
        server.Home.WriteFile("f.txt", "data");
        (RawFtpClient client, IPEndPoint passive) = await ProxiedPassiveSessionAsync(server);
        await using RawFtpClient _ = client;

        using Socket data = await RawFtpClient.ConnectSocketAsync(passive, ThirdHost);
        Assert.Equal(150, (await client.CommandAsync("RETR f.txt")).Code);

        Assert.Equal("data", Encoding.UTF8.GetString(await RawFtpClient.ReadToEndAsync(data)));
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Implicit_ftps_reads_the_header_before_the_tls_handshake()
    {
        using var tls = new TestTlsFiles();
        await using TestFtpServer server = await StartAsync(o =>
        {
            tls.Apply(o);
            o.ImplicitTlsPort = 0;
        });
        FtpListenerInfo implicitListener = Assert.Single(server.Server.Listeners, l => l.Kind == FtpListenerKind.ImplicitFtps);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, implicitListener.EndPoint.Port), IPAddress.Loopback);

        await client.SendRawAsync(ProxyHeaders.V2(RealClient, Balanced));
        await client.UpgradeToTlsAsync();

        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        await LoginAsync(client);
        Assert.Equal(RealClient, server.Authenticator.LastRemoteEndPoint);
    }
}
