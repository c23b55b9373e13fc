using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Hostile dialogues on a raw control connection; each test proves one refusal. The server
/// listens on 127.0.0.1; a client on another host is simulated from 127.0.0.2 and a third
/// party from 127.0.0.3 (all loopback on Linux), so a check against the server's own
/// address instead of the client's cannot pass.
/// </summary>
public sealed partial class AttackTests(ITestOutputHelper output)
{
    private static readonly IPAddress Foreign = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Third = IPAddress.Parse("127.0.0.3");

    [Theory]
    [InlineData("PORT 127,0,0,1,39,16")]
    [InlineData("PORT 127,0,0,3,39,16")]
    [InlineData("EPRT |1|127.0.0.1|10000|")]
    [InlineData("EPRT |1|127.0.0.3|10000|")]
    public async Task PORT_and_EPRT_from_127_0_0_2_to_any_other_host_are_refused_as_an_FTP_bounce(string command)
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(Foreign, login: true);

        var reply = await client.CommandAsync(command);

        Assert.Equal(501, reply.Code);
    }

    [Fact]
    public async Task PORT_from_127_0_0_2_to_its_own_address_transfers_a_file_in_active_mode()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var bytes = server.CreateHomeFile("active.bin", 100_000, seed: 3);
        await using var client = await server.ConnectRawAsync(Foreign, login: true);
        using var listener = new TcpListener(Foreign, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await client.ExpectAsync("TYPE I", 200);
        await client.ExpectAsync($"PORT 127,0,0,2,{port / 256},{port % 256}", 200);
        await client.SendLineAsync("RETR active.bin");
        using var accept = new CancellationTokenSource(RawFtpClient.DefaultTimeout);
        using var data = await listener.AcceptTcpClientAsync(accept.Token);
        var preliminary = await client.ReadReplyAsync();
        var (received, completed) = await RawFtpClient.ReadToEndAsync(data.GetStream());
        var final = await client.ReadReplyAsync();

        Assert.Equal(150, preliminary.Code);
        Assert.True(completed);
        Assert.Equal(bytes, received);
        Assert.Equal(226, final.Code);
    }

    [Fact]
    public async Task PORT_to_a_privileged_port_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var reply = await client.CommandAsync("PORT 127,0,0,1,0,25");

        Assert.Equal(501, reply.Code);
    }

    [Fact]
    public async Task PORT_to_the_clients_own_address_transfers_a_file_in_active_mode()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var bytes = server.CreateHomeFile("active.bin", 100_000, seed: 2);
        await using var client = await server.ConnectRawAsync(login: true);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await client.ExpectAsync("TYPE I", 200);
        await client.ExpectAsync($"PORT 127,0,0,1,{port / 256},{port % 256}", 200);
        await client.SendLineAsync("RETR active.bin");
        using var accept = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var data = await listener.AcceptTcpClientAsync(accept.Token);
        var preliminary = await client.ReadReplyAsync();
        var (received, completed) = await RawFtpClient.ReadToEndAsync(data.GetStream());
        var final = await client.ReadReplyAsync();

        Assert.Equal(150, preliminary.Code);
        Assert.True(completed);
        Assert.Equal(bytes, received);
        Assert.Equal(226, final.Code);
    }

    [Fact]
    public async Task A_passive_connection_from_127_0_0_3_is_refused_and_the_real_client_on_127_0_0_2_still_gets_the_file()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var secret = server.CreateHomeFile("secret.bin", 50_000, seed: 8);
        await using var client = await server.ConnectRawAsync(Foreign, login: true);
        await client.ExpectAsync("TYPE I", 200);
        var passive = await client.PassiveAsync();

        using var thief = await RawFtpClient.ConnectDataAsync(passive.Port, Third);
        await client.SendLineAsync("RETR secret.bin");

        // The server accepts the thief's connection only once RETR waits for data, and closes it at once.
        var (stolen, thiefClosed) = await RawFtpClient.ReadToEndAsync(thief.GetStream());
        Assert.True(thiefClosed, "the connection from 127.0.0.3 was left open");
        Assert.Empty(stolen);

        using var legit = await RawFtpClient.ConnectDataAsync(passive.Port, Foreign);
        Assert.Equal(150, (await client.ReadReplyAsync()).Code);
        var (received, completed) = await RawFtpClient.ReadToEndAsync(legit.GetStream());
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        Assert.True(completed);
        Assert.Equal(secret, received);
    }

    [Fact]
    public async Task RETR_with_dot_dot_segments_cannot_read_etc_passwd()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        await AssertNoFileContents(client, "RETR ../../../../../../etc/passwd");
    }

    [Fact]
    public async Task RETR_with_an_absolute_dot_dot_path_cannot_read_etc_passwd()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        await AssertNoFileContents(client, "RETR /../../../../etc/passwd");
    }

    [Fact]
    public async Task RETR_of_dot_dot_naming_an_existing_file_just_outside_home_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await File.WriteAllTextAsync(server.ScratchPath("outside.txt"), "beside the home");
        await using var client = await server.ConnectRawAsync(login: true);

        await AssertNoFileContents(client, "RETR ../outside.txt");
    }

    [Fact]
    public async Task CWD_dot_dot_above_home_is_refused_and_the_directory_stays_the_virtual_root()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        // The home's parent exists (the test's scratch directory): only the jail can refuse this.
        var cwd = await client.CommandAsync("CWD ..");
        var pwd = await client.ExpectAsync("PWD", 257);

        Assert.Equal(550, cwd.Code);
        Assert.StartsWith("257 \"/\"", pwd.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CWD_to_slash_dot_dot_etc_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var cwd = await client.CommandAsync("CWD /../../etc");
        var pwd = await client.ExpectAsync("PWD", 257);

        Assert.Equal(550, cwd.Code);
        Assert.StartsWith("257 \"/\"", pwd.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LIST_of_dot_dot_above_home_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        using var data = await client.OpenPassiveDataAsync();
        var list = await client.CommandAsync("LIST ..");

        Assert.Equal(550, list.Code);
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task RETR_through_a_symlink_to_a_file_outside_home_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        File.CreateSymbolicLink(server.HomePath("passwd-link"), "/etc/passwd");
        await using var client = await server.ConnectRawAsync(login: true);

        await AssertNoFileContents(client, "RETR passwd-link");
    }

    [Fact]
    public async Task RETR_through_a_symlinked_directory_outside_home_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        Directory.CreateSymbolicLink(server.HomePath("etc-link"), "/etc");
        await using var client = await server.ConnectRawAsync(login: true);

        await AssertNoFileContents(client, "RETR etc-link/passwd");
    }

    [Fact]
    public async Task CWD_into_a_symlink_pointing_outside_home_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        Directory.CreateSymbolicLink(server.HomePath("etc-link"), "/etc");
        await using var client = await server.ConnectRawAsync(login: true);

        var cwd = await client.CommandAsync("CWD etc-link");
        var pwd = await client.ExpectAsync("PWD", 257);

        Assert.Equal(550, cwd.Code);
        Assert.StartsWith("257 \"/\"", pwd.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LIST_through_a_symlink_pointing_outside_home_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        Directory.CreateSymbolicLink(server.HomePath("etc-link"), "/etc");
        await using var client = await server.ConnectRawAsync(login: true);

        using var data = await client.OpenPassiveDataAsync();
        var list = await client.CommandAsync("LIST etc-link");
        if (list.IsPreliminary)
        {
            var (received, _) = await RawFtpClient.ReadToEndAsync(data.GetStream());
            await client.TryReadReplyAsync(TimeSpan.FromSeconds(2));
            Assert.Fail($"LIST through the symlink was answered {list.Code} and sent: {Encoding.UTF8.GetString(received)}");
        }

        Assert.Equal(550, list.Code);
    }

    [Fact]
    public async Task MKD_with_an_embedded_NUL_is_refused_and_creates_nothing()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        await client.SendRawAsync(Encoding.ASCII.GetBytes("MKD bad\0name\r\n"));
        var reply = await client.ReadReplyAsync();

        Assert.Equal(501, reply.Code);
        Assert.Empty(Directory.GetFileSystemEntries(server.Home));
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task MKD_with_a_bare_CR_is_refused_and_the_smuggled_command_does_not_run()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("keep.txt", 10);
        await using var client = await server.ConnectRawAsync(login: true);

        await client.SendRawAsync(Encoding.ASCII.GetBytes("MKD evil\rDELE keep.txt\r\n"));
        var reply = await client.ReadReplyAsync();
        var noop = await client.CommandAsync("NOOP");

        Assert.Equal(550, reply.Code);
        Assert.Equal(200, noop.Code);
        Assert.True(File.Exists(server.HomePath("keep.txt")), "DELE keep.txt smuggled after a bare CR was executed");
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(server.Home).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_line_longer_than_8_KiB_gets_500_and_the_session_still_answers_NOOP()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        await client.SendLineAsync("MKD " + new string('a', 9000));
        var reply = await client.ReadReplyAsync();
        var noop = await client.CommandAsync("NOOP");
        var (closed, extra) = await client.WaitForCloseAsync(TimeSpan.FromMilliseconds(500));

        Assert.Equal(500, reply.Code);
        Assert.Equal(200, noop.Code);
        Assert.Empty(extra);
        Assert.False(closed);
        Assert.Empty(Directory.GetFileSystemEntries(server.Home));
    }

    [Fact]
    public async Task A_megabyte_without_a_line_end_does_not_take_the_server_down()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using (var client = await server.ConnectRawAsync(login: true))
        {
            try
            {
                await client.SendRawAsync(Encoding.ASCII.GetBytes(new string('A', 1024 * 1024)), "1 MiB of 'A' without CRLF");
            }
            catch (IOException e)
            {
                output.WriteLine("server stopped reading: " + e.Message);
            }
        }

        await using var next = await server.ConnectRawAsync(login: true);
        await next.ExpectAsync("NOOP", 200);
        Assert.False(server.Process.HasExited);
    }

    private async Task AssertNoFileContents(RawFtpClient client, string command)
    {
        await client.ExpectAsync("TYPE I", 200);
        using var data = await client.OpenPassiveDataAsync();
        var reply = await client.CommandAsync(command);
        if (reply.IsPreliminary)
        {
            var (received, _) = await RawFtpClient.ReadToEndAsync(data.GetStream());
            Assert.Fail($"'{command}' was answered {reply.Code} and sent {received.Length} bytes: {Encoding.UTF8.GetString(received.AsSpan(0, Math.Min(200, received.Length)))}");
        }

        output.WriteLine($"{command} -> {reply.Code}");
        Assert.Equal(550, reply.Code);
        await client.ExpectAsync("NOOP", 200);
    }
}
