using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Hostile dialogues on a raw control connection; each test proves one refusal. "Foreign"
/// hosts are simulated with 127.0.0.2, which is loopback on Linux.
/// </summary>
public sealed class AttackTests(ITestOutputHelper output)
{
    private static readonly IPAddress Foreign = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task PORT_to_another_host_is_refused_as_an_FTP_bounce()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var reply = await client.CommandAsync("PORT 127,0,0,2,39,16");

        Assert.True(reply.Code is 501 or 504, reply.Text);
    }

    [Fact]
    public async Task EPRT_to_another_host_is_refused_as_an_FTP_bounce()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var reply = await client.CommandAsync("EPRT |1|127.0.0.2|10000|");

        Assert.True(reply.Code is 501 or 504, reply.Text);
    }

    [Fact]
    public async Task PORT_to_a_privileged_port_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var reply = await client.CommandAsync("PORT 127,0,0,1,0,25");

        Assert.True(reply.Code is 501 or 504, reply.Text);
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

        Assert.True(preliminary.Code is 125 or 150, preliminary.Text);
        Assert.True(completed);
        Assert.Equal(bytes, received);
        Assert.Equal(226, final.Code);
    }

    [Fact]
    public async Task A_passive_connection_from_another_address_is_refused_and_the_real_client_still_gets_the_file()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var secret = server.CreateHomeFile("secret.bin", 50_000, seed: 8);
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);
        var passive = await client.PassiveAsync();

        using var thief = await RawFtpClient.ConnectDataAsync(passive.Port, Foreign);
        var thiefRead = RawFtpClient.ReadToEndAsync(thief.GetStream(), TimeSpan.FromSeconds(8));
        await Task.Delay(300);

        TcpClient? legit = null;
        try
        {
            legit = await RawFtpClient.ConnectDataAsync(passive.Port);
        }
        catch (SocketException e)
        {
            output.WriteLine("legit data connection failed: " + e.Message);
        }

        using (legit)
        {
            var retr = await client.CommandAsync("RETR secret.bin");
            if (retr.IsPreliminary)
            {
                Assert.NotNull(legit);
                var (received, _) = await RawFtpClient.ReadToEndAsync(legit.GetStream());
                var final = await client.ReadReplyAsync();
                Assert.Equal(226, final.Code);
                Assert.Equal(secret, received);
            }
            else
            {
                // Refusing the transfer is acceptable; handing it to the thief is not.
                Assert.True(retr.Code is 425 or 426, retr.Text);
            }
        }

        var (stolen, thiefClosed) = await thiefRead;
        output.WriteLine($"thief received {stolen.Length} bytes; connection {(thiefClosed ? "closed by the server" : "left open")}");
        Assert.Empty(stolen);
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
    public async Task CWD_dot_dot_above_home_stays_at_the_virtual_root()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync(login: true);

        var cwd = await client.CommandAsync("CWD ../..");
        var pwd = await client.ExpectAsync("PWD", 257);

        Assert.True(cwd.Code is 550 or 250, cwd.Text);
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
    public async Task LIST_of_dot_dot_above_home_shows_only_the_home_directory()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("marker.txt", 5);
        await using var client = await server.ConnectRawAsync(login: true);

        using var data = await client.OpenPassiveDataAsync();
        var list = await client.CommandAsync("LIST ../../../..");
        if (list.IsPreliminary)
        {
            var (received, _) = await RawFtpClient.ReadToEndAsync(data.GetStream());
            var text = Encoding.UTF8.GetString(received);
            output.WriteLine(text);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            Assert.Contains("marker.txt", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" etc\r", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" proc\r", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(550, list.Code);
        }
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

        Assert.InRange(reply.Code, 500, 599);
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

        Assert.InRange(reply.Code, 500, 599);
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
        var extra = await client.TryReadReplyAsync(TimeSpan.FromMilliseconds(500));

        Assert.Equal(500, reply.Code);
        Assert.Equal(200, noop.Code);
        Assert.Null(extra);
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
