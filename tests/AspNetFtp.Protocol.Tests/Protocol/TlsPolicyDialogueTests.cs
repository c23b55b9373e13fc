using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary><c>Tls:MinimumProtocol</c>, and accounts that require TLS (<see cref="FtpUser.RequireTls"/>) on a server that does not.</summary>
public sealed class TlsPolicyDialogueTests : IDisposable
{
    private const string Bob = "bob";
    private const string BobPassword = "bob-secret";
    private readonly TestTlsFiles _tls = new();

    public void Dispose() => _tls.Dispose();

    private static SslClientAuthenticationOptions Only(SslProtocols protocol)
    {
        SslClientAuthenticationOptions options = RawFtpClient.ClientTlsOptions();
        options.EnabledSslProtocols = protocol;
        return options;
    }

    private Task<TestFtpServer> StartAsync(SslProtocols minimum) =>
        TestFtpServer.StartAsync(configure: o =>
        {
            _tls.Apply(o);
            o.Tls.MinimumProtocol = minimum;
        });

    /// <summary>TLS offered but not required server-wide, and bob's account requiring it.</summary>
    private async Task<TestFtpServer> StartOptionalTlsWithBobAsync()
    {
        TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            _tls.Apply(o);
            o.Tls.ControlRequired = false;
            o.Tls.DataRequired = false;
        });
        server.Authenticator.AddUser(new FtpUser(Bob, server.Home.Path, FtpPermissions.All) { RequireTls = true }, BobPassword);
        return server;
    }

    [Fact]
    public async Task A_tls_1_2_client_is_refused_when_the_minimum_is_tls_1_3()
    {
        await using TestFtpServer server = await StartAsync(SslProtocols.Tls13);
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(234, (await client.CommandAsync("AUTH TLS")).Code);

        await Assert.ThrowsAsync<AuthenticationException>(() => client.UpgradeToTlsAsync(Only(SslProtocols.Tls12)));
        Assert.Equal(0, server.Authenticator.Calls);
    }

    [Fact]
    public async Task A_tls_1_3_client_is_accepted_when_the_minimum_is_tls_1_3()
    {
        await using TestFtpServer server = await StartAsync(SslProtocols.Tls13);
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(234, (await client.CommandAsync("AUTH TLS")).Code);

        await client.UpgradeToTlsAsync(Only(SslProtocols.Tls13));

        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + TestAuthenticator.Password)).Code);
    }

    [Fact]
    public async Task A_tls_1_2_client_is_accepted_at_the_default_minimum()
    {
        await using TestFtpServer server = await StartAsync(new FtpTlsOptions().MinimumProtocol);
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(234, (await client.CommandAsync("AUTH TLS")).Code);

        await client.UpgradeToTlsAsync(Only(SslProtocols.Tls12));

        Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + TestAuthenticator.Password)).Code);
    }

    [Fact]
    public async Task A_protected_upload_data_connection_speaks_tls_1_3_when_the_minimum_is_tls_1_3()
    {
        await using TestFtpServer server = await StartAsync(SslProtocols.Tls13);
        await using RawFtpClient client = await TestTlsFiles.LoginProtectedAsync(server);
        using Socket socket = await client.OpenPassiveAsync();

        Assert.Equal(150, (await client.CommandAsync("STOR up.bin")).Code);
        SslProtocols spoken;
        await using (SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false)))
        {
            spoken = data.SslProtocol;
            await data.WriteAsync("uploaded"u8.ToArray());
            await data.ShutdownAsync();
        }

        socket.Shutdown(SocketShutdown.Both);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        Assert.Equal(SslProtocols.Tls13, spoken);
        Assert.Equal("uploaded", await File.ReadAllTextAsync(Path.Combine(server.Home.Path, "up.bin")));
    }

    [Fact]
    public async Task An_account_that_requires_tls_gets_530_with_the_reason_at_pass_on_a_plain_control_connection()
    {
        await using TestFtpServer server = await StartOptionalTlsWithBobAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(331, (await client.CommandAsync("USER " + Bob)).Code);
        FtpReply pass = await client.CommandAsync("PASS " + BobPassword);

        Assert.Equal("530 Login refused: this account requires TLS; use AUTH TLS first.", pass.ToString());
        Assert.Equal(530, (await client.CommandAsync("PWD")).Code);
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.OfType<LoginFailed>().Any());
        Assert.Equal(FtpAuthenticationStatus.TlsRequired, Assert.Single(events.OfType<LoginFailed>()).Reason);
        Assert.Empty(events.OfType<LoginSucceeded>());
    }

    [Fact]
    public async Task An_account_that_requires_tls_logs_in_after_auth_tls_but_gets_521_for_a_transfer_without_prot_p()
    {
        await using TestFtpServer server = await StartOptionalTlsWithBobAsync();
        await using RawFtpClient client = await server.ConnectAsync();
        Assert.Equal(234, (await client.CommandAsync("AUTH TLS")).Code);
        await client.UpgradeToTlsAsync();
        Assert.Equal(331, (await client.CommandAsync("USER " + Bob)).Code);
        Assert.Equal(230, (await client.CommandAsync("PASS " + BobPassword)).Code);
        await client.PassiveAsync();

        Assert.Equal("521 Data connections must be encrypted: use PROT P.", (await client.CommandAsync("LIST")).ToString());
        Assert.Equal(200, (await client.CommandAsync("PBSZ 0")).Code);
        Assert.Equal(200, (await client.CommandAsync("PROT P")).Code);
        using Socket socket = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("LIST")).Code);
        await using (SslStream data = await RawFtpClient.WrapTlsAsync(new NetworkStream(socket, ownsSocket: false)))
        {
            await RawFtpClient.ReadToEndAsync(data);
        }

        socket.Shutdown(SocketShutdown.Both);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task An_account_without_the_requirement_still_logs_in_and_transfers_in_clear_on_the_same_server()
    {
        await using TestFtpServer server = await StartOptionalTlsWithBobAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Empty(await client.DownloadAsync("LIST"));
    }
}
