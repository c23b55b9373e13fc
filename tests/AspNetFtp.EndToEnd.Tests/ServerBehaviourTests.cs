using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>Command-line flags and limits observed from a client.</summary>
public sealed class ServerBehaviourTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PASV_and_EPSV_ports_come_from_the_passive_port_range()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.PassivePorts = "30500-30509");
        await using var client = await server.ConnectRawAsync(login: true);

        for (var i = 0; i < 3; i++)
        {
            var endPoint = await client.PassiveAsync();
            Assert.InRange(endPoint.Port, 30500, 30509);
            Assert.Equal("127.0.0.1", endPoint.Address.ToString());
        }

        var epsv = await client.ExpectAsync("EPSV", 229);
        var port = int.Parse(epsv.Text.Split('|')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(port, 30500, 30509);
    }

    [Fact]
    public async Task PASV_announces_the_masquerade_address()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.MasqueradeAddress = "127.0.0.9");
        await using var client = await server.ConnectRawAsync(login: true);

        var endPoint = await client.PassiveAsync();

        Assert.Equal("127.0.0.9", endPoint.Address.ToString());
    }

    [Fact]
    public async Task An_idle_session_is_closed_with_421_after_the_timeout()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.IdleTimeoutSeconds = 2);
        await using var client = await server.ConnectRawAsync(login: true);

        var (closed, replies) = await client.WaitForCloseAsync(TimeSpan.FromSeconds(15));

        Assert.True(closed, "the idle session was not closed");
        Assert.Equal([421], replies.Select(r => r.Code));
    }

    [Fact]
    public async Task A_wrong_password_gets_530_and_a_right_one_still_logs_in()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync();

        await client.ExpectAsync("USER " + FtpTestServer.UserName, 331);
        await client.ExpectAsync("PASS wrong", 530);
        await client.LoginAsync(FtpTestServer.UserName, FtpTestServer.Password);
    }

    [Fact]
    public async Task The_session_is_closed_after_MaxLoginFailures_wrong_passwords()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__MaxLoginFailures"] = "3");
        await using var client = await server.ConnectRawAsync();

        for (var i = 0; i < 3; i++)
        {
            await client.ExpectAsync("USER " + FtpTestServer.UserName, 331);
            await client.ExpectAsync("PASS wrong" + i, 530);
        }

        var (closed, replies) = await client.WaitForCloseAsync(TimeSpan.FromSeconds(10));
        Assert.True(closed, "the session survived three failed logins");
        Assert.Equal([421], replies.Select(r => r.Code));
    }

    [Fact]
    public async Task Commands_needing_login_are_refused_with_530_before_login()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("file.txt", 10);
        await using var client = await server.ConnectRawAsync();

        Assert.Equal(530, (await client.CommandAsync("PASV")).Code);
        Assert.Equal(530, (await client.CommandAsync("RETR file.txt")).Code);
        Assert.Equal(530, (await client.CommandAsync("CWD /")).Code);
        Assert.Equal(530, (await client.CommandAsync("DELE file.txt")).Code);
        Assert.True(File.Exists(server.HomePath("file.txt")));
    }

    [Fact]
    public async Task ABOR_sent_in_band_during_a_large_RETR_gets_426_then_226_and_NOOP_still_works()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using (var big = File.Create(server.HomePath("huge.bin")))
        {
            big.SetLength(256L * 1024 * 1024);
        }

        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);
        using var data = await client.OpenPassiveDataAsync();
        await client.ExpectAsync("RETR huge.bin", 150);
        var buffer = new byte[64 * 1024];
        var received = 0;
        while (received < 256 * 1024)
        {
            var read = await data.GetStream().ReadAsync(buffer);
            Assert.True(read > 0, "data connection closed early");
            received += read;
        }

        var abort = await client.CommandAsync("ABOR");
        var after = await client.ReadReplyAsync();

        Assert.Equal(426, abort.Code);
        Assert.Equal(226, after.Code);
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task A_connection_beyond_MaxConnectionsPerIp_gets_421()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__MaxConnectionsPerIp"] = "2");
        await using var first = await server.ConnectRawAsync();
        await using var second = await server.ConnectRawAsync();
        await using var third = await server.ConnectRawAsync();

        Assert.Equal(220, first.Greeting.Code);
        Assert.Equal(220, second.Greeting.Code);
        Assert.Equal(421, third.Greeting.Code);
    }

    [Fact]
    public async Task A_client_that_never_logs_in_is_disconnected_after_the_LoginTimeout()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__LoginTimeout"] = "2");
        await using var client = await server.ConnectRawAsync();

        var (closed, replies) = await client.WaitForCloseAsync(TimeSpan.FromSeconds(15));

        Assert.True(closed, "the unauthenticated session was not closed");
        Assert.Equal([421], replies.Select(r => r.Code));
    }

    [Fact]
    public async Task Anonymous_login_is_refused_when_no_such_account_is_configured()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using var client = await server.ConnectRawAsync();

        // USER never tells whether an account exists: 331, then the password is refused.
        await client.ExpectAsync("USER anonymous", 331);
        var pass = await client.CommandAsync("PASS guest@example.com");

        Assert.Equal(530, pass.Code);
    }

    [Fact]
    public async Task A_passive_transfer_whose_data_connection_never_comes_fails_with_425_and_the_session_goes_on()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__DataTimeout"] = "2");
        server.CreateHomeFile("file.bin", 1000);
        await using var client = await server.ConnectRawAsync(login: true);
        await client.PassiveAsync();

        var retr = await client.CommandAsync("RETR file.bin");

        Assert.Equal(425, retr.Code);
        await client.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task SIGTERM_stops_the_host_promptly_and_cleanly()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using (var client = await server.ConnectRawAsync(login: true))
        {
            await client.ExpectAsync("NOOP", 200);
        }

        var kill = await ClientRunner.RunAsync("kill", ["-TERM", server.Process.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(kill.Succeeded, kill.Describe());
        var exited = await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(exited, "the host was still running 20 s after SIGTERM");
        Assert.DoesNotContain("Unhandled exception", server.Process.Output, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => RawFtpClient.ConnectAsync(server.Host, server.Port));
    }

    [Fact]
    public async Task Many_sessions_at_once_all_transfer_their_own_files()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var files = Enumerable.Range(0, 8).Select(i => server.CreateHomeFile($"f{i}.bin", 200_000 + i, seed: 40 + i)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, files.Length).Select(async i =>
        {
            await using var client = await server.ConnectRawAsync(login: true);
            await client.ExpectAsync("TYPE I", 200);
            using var data = await client.OpenPassiveDataAsync();
            await client.ExpectAsync($"RETR f{i}.bin", 150);
            var (received, _) = await RawFtpClient.ReadToEndAsync(data.GetStream());
            var final = await client.ReadReplyAsync();
            return (received, final.Code);
        }));

        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(226, results[i].Code);
            Assert.Equal(files[i], results[i].received);
        }
    }
}
