using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// FTPS (RFC 4217): with a certificate configured, TLS is required on the control and data connections by
/// default; AUTH, PBSZ, PROT, CCC and implicit FTPS.
/// </summary>
public sealed class FtpsDialogueTests : IDisposable
{
    private readonly TempDirectory _certificates = new();
    private readonly string _certificateFile;
    private readonly string _keyFile;

    public FtpsDialogueTests()
    {
        (string certificate, string key) = TestCertificates.Create("localhost");
        _certificateFile = _certificates.WriteFile("server.crt", certificate);
        _keyFile = _certificates.WriteFile("server.key", key);
    }

    public void Dispose() => _certificates.Dispose();

    private Task<TestFtpServer> StartAsync(Action<FtpServerOptions>? configure = null) =>
        TestFtpServer.StartAsync(configure: o =>
        {
            o.Tls.CertificateFile = _certificateFile;
            o.Tls.KeyFile = _keyFile;
            configure?.Invoke(o);
        });

    /// <summary>Connects, AUTH TLS, handshake, USER, PASS.</summary>
    private static async Task<RawFtpClient> LoginOverTlsAsync(TestFtpServer server)
    {
        RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(234, (await client.CommandAsync("AUTH TLS")).Code);
        await client.UpgradeToTlsAsync();
        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS secret")).Code);
        return client;
    }

    [Fact]
    public async Task User_before_auth_tls_gets_530()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(530, (await client.CommandAsync("USER alice")).Code);
        Assert.Equal(0, server.Authenticator.Calls);
    }

    [Fact]
    public async Task Quit_is_allowed_before_auth_tls()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
    }

    [Fact]
    public async Task Feat_offers_auth_tls_pbsz_and_prot()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        IReadOnlyList<string> lines = (await client.CommandAsync("FEAT")).Lines;

        Assert.Contains(" AUTH TLS", lines);
        Assert.Contains(" PBSZ", lines);
        Assert.Contains(" PROT", lines);
    }

    [Fact]
    public async Task Auth_tls_then_a_handshake_allows_the_login()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await LoginOverTlsAsync(server);

        Assert.True(client.IsTls);
        Assert.Equal(257, (await client.CommandAsync("PWD")).Code);
    }

    [Fact]
    public async Task Commands_queued_behind_auth_tls_are_dropped_not_run_after_the_handshake()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        // The STARTTLS command-injection pattern: plaintext queued behind AUTH TLS in the same packet.
        await client.SendRawAsync("AUTH TLS\r\nUSER alice\r\nPASS secret\r\n"u8.ToArray());
        Assert.Equal(234, (await client.ReadReplyAsync()).Code);
        await client.UpgradeToTlsAsync();

        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        Assert.Equal(530, (await client.CommandAsync("PWD")).Code);
        Assert.Equal(0, server.Authenticator.Calls);
    }

    [Fact]
    public async Task Auth_tls_a_second_time_gets_503()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await LoginOverTlsAsync(server);

        Assert.Equal(503, (await client.CommandAsync("AUTH TLS")).Code);
    }

    [Fact]
    public async Task Prot_before_pbsz_gets_503()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await LoginOverTlsAsync(server);

        Assert.Equal(503, (await client.CommandAsync("PROT P")).Code);
    }

    [Theory]
    [InlineData("PROT S", 536)]
    [InlineData("PROT E", 536)]
    [InlineData("PROT X", 504)]
    [InlineData("PROT C", 200)]
    [InlineData("PROT P", 200)]
    public async Task Prot_levels_get_their_reply_codes(string command, int expected)
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await LoginOverTlsAsync(server);
        Assert.Equal(200, (await client.CommandAsync("PBSZ 0")).Code);

        Assert.Equal(expected, (await client.CommandAsync(command)).Code);
    }

    [Fact]
    public async Task Ccc_is_refused_with_534()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await LoginOverTlsAsync(server);

        Assert.Equal(534, (await client.CommandAsync("CCC")).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_transfer_without_prot_p_gets_521_when_data_protection_is_required()
    {
        await using TestFtpServer server = await StartAsync();
        await using RawFtpClient client = await LoginOverTlsAsync(server);
        Assert.Equal(227, (await client.CommandAsync("PASV")).Code);

        Assert.Equal(521, (await client.CommandAsync("LIST")).Code);
    }

    [Fact]
    public async Task A_download_with_prot_p_runs_over_tls()
    {
        await using TestFtpServer server = await StartAsync();
        server.Home.WriteFile("secret.txt", "protected payload");
        await using RawFtpClient client = await LoginOverTlsAsync(server);
        Assert.Equal(200, (await client.CommandAsync("PBSZ 0")).Code);
        Assert.Equal(200, (await client.CommandAsync("PROT P")).Code);
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket socket = await client.OpenPassiveAsync();

        Assert.Equal(150, (await client.CommandAsync("RETR secret.txt")).Code);
        string payload;
        await using (SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false)))
        using (var reader = new StreamReader(data, Encoding.UTF8))
        {
            payload = await reader.ReadToEndAsync();
        }

        socket.Shutdown(SocketShutdown.Both);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        Assert.Equal("protected payload", payload);
    }

    [Fact]
    public async Task Implicit_ftps_greets_over_tls_and_allows_login_without_auth()
    {
        await using TestFtpServer server = await StartAsync(o => o.ImplicitTlsPort = 0);
        FtpListenerInfo implicitListener = Assert.Single(server.Server.Listeners, l => l.Kind == FtpListenerKind.ImplicitFtps);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, implicitListener.EndPoint.Port));

        await client.UpgradeToTlsAsync();

        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        Assert.Equal(331, (await client.CommandAsync("USER alice")).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS secret")).Code);
    }

    [Fact]
    public async Task A_plaintext_client_on_the_implicit_port_is_closed_without_a_reply()
    {
        await using TestFtpServer server = await StartAsync(o =>
        {
            o.ImplicitTlsPort = 0;
            o.Timeouts.Data = TimeSpan.FromSeconds(2);
        });
        FtpListenerInfo implicitListener = Assert.Single(server.Server.Listeners, l => l.Kind == FtpListenerKind.ImplicitFtps);
        await using RawFtpClient client = await RawFtpClient.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, implicitListener.EndPoint.Port));

        await client.SendAsync("USER alice");

        Assert.True(await client.IsClosedByServerAsync());
    }
}
