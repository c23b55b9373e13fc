using System.Net;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>What the control connection does while a transfer runs: ABOR, STAT, NOOP, queued commands (RFC 959 §4.1.3, §5.4).</summary>
public sealed class TransferControlDialogueTests
{
    /// <summary>Logs in, opens PASV, starts STOR and sends a first chunk, leaving the upload running.</summary>
    private static async Task<(RawFtpClient Client, Socket Data)> StartUploadAsync(TestFtpServer server, string name)
    {
        RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("STOR " + name)).Code);
        await data.SendAsync(new byte[10_000], SocketFlags.None);
        return (client, data);
    }

    [Fact]
    public async Task Abor_during_an_upload_gets_426_for_the_transfer_then_226()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "big.bin");
        await using (client)
        using (data)
        {
            await client.SendRawAsync([0xFF, 0xF4, 0xFF, 0xF2, .. "ABOR\r\n"u8]);

            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        }
    }

    [Fact]
    public async Task An_aborted_upload_raises_file_received_incomplete_and_never_file_received()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "big.bin");
        await using (client)
        using (data)
        {
            await client.SendAsync("ABOR");
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }

        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.Any(x => x is FileReceivedIncomplete));
        FileReceivedIncomplete received = Assert.Single(events.OfType<FileReceivedIncomplete>());
        Assert.DoesNotContain(events, e => e is FileReceived);
        Assert.Equal("/big.bin", received.Path);
    }

    [Fact]
    public async Task Stat_during_an_upload_reports_the_transfer_in_progress()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "big.bin");
        await using (client)
        using (data)
        {
            FtpReply status = await client.CommandAsync("STAT");

            Assert.Equal(211, status.Code);
            Assert.Contains(status.Lines, l => l.Contains("Transfer in progress: STOR", StringComparison.Ordinal));
            await RawFtpClient.WriteAndCloseAsync(data, []);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }
    }

    [Fact]
    public async Task Stat_with_a_path_during_an_upload_gets_450()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "big.bin");
        await using (client)
        using (data)
        {
            Assert.Equal(450, (await client.CommandAsync("STAT /")).Code);
            await RawFtpClient.WriteAndCloseAsync(data, []);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        }
    }

    [Fact]
    public async Task Noop_during_an_upload_is_answered_at_once()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "big.bin");
        await using (client)
        using (data)
        {
            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
            await RawFtpClient.WriteAndCloseAsync(data, [1, 2, 3]);
            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            Assert.Equal(10_003, new FileInfo(server.Home["big.bin"]).Length);
        }
    }

    [Fact]
    public async Task A_command_sent_during_an_upload_is_answered_after_the_226()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "big.bin");
        await using (client)
        using (data)
        {
            await client.SendAsync("SIZE big.bin");
            await Task.Delay(100);
            await RawFtpClient.WriteAndCloseAsync(data, []);

            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            Assert.Equal("213 10000", (await client.ReadReplyAsync()).Text);
        }
    }

    [Fact]
    public async Task The_idle_timeout_after_login_gets_421_and_closes_the_connection()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Idle = TimeSpan.FromSeconds(1));
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task With_every_passive_port_taken_pasv_gets_425_until_one_is_freed()
    {
        int port = UnusedPort.Take();
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.DataChannel.PassivePorts = port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using RawFtpClient first = await server.LoginAsync();
        await using RawFtpClient second = await server.LoginAsync();

        Assert.Equal(port, RawFtpClient.ParsePasv(await first.CommandAsync("PASV")).Port);
        Assert.Equal(425, (await second.CommandAsync("PASV")).Code);

        Assert.Equal(225, (await first.CommandAsync("ABOR")).Code);
        Assert.Equal(port, RawFtpClient.ParsePasv(await second.CommandAsync("PASV")).Port);
    }

    [Fact]
    public async Task Parallel_sessions_each_get_their_own_files_back()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
            byte[] content = Encoding.ASCII.GetBytes(new string((char)('a' + i), 50_000 + i));
            await client.UploadAsync($"STOR file{i}.bin", content);
            Assert.Equal(content, await client.DownloadAsync($"RETR file{i}.bin"));
        }));

        Assert.Equal(8, Directory.GetFiles(server.Home.Path).Length);
    }

    [Fact]
    public async Task A_transfer_longer_than_the_idle_timeout_is_not_cut_off()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Idle = TimeSpan.FromSeconds(1));
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "slow.bin");
        await using (client)
        using (data)
        {
            for (int i = 0; i < 5; i++)
            {
                await Task.Delay(400);
                await data.SendAsync(new byte[100], SocketFlags.None);
            }

            await RawFtpClient.WriteAndCloseAsync(data, []);

            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            Assert.Equal(10_500, new FileInfo(server.Home["slow.bin"]).Length);
        }
    }

    [Fact]
    public async Task Stopping_the_server_lets_a_running_upload_finish_then_sends_421()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.ShutdownGrace = TimeSpan.FromSeconds(10));
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "big.bin");
        await using (client)
        using (data)
        {
            Task stop = server.Server.StopAsync(CancellationToken.None);
            await Task.Delay(200);
            await RawFtpClient.WriteAndCloseAsync(data, new byte[5_000]);

            Assert.Equal(226, (await client.ReadReplyAsync()).Code);
            Assert.Equal(421, (await client.ReadReplyAsync()).Code);
            Assert.True(await client.IsClosedByServerAsync());
            await stop.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(15_000, new FileInfo(server.Home["big.bin"]).Length);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Abor_during_a_download_the_client_is_not_reading_gets_426_then_226(bool sendfile)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.UseSendfile = sendfile);
        using (FileStream big = File.Create(server.Home["big.bin"]))
        {
            big.SetLength(64L * 1024 * 1024);
        }

        await using RawFtpClient client = await server.LoginAsync();
        Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
        using Socket data = await client.OpenPassiveAsync();
        Assert.Equal(150, (await client.CommandAsync("RETR big.bin")).Code);
        await Task.Delay(200);

        await client.SendAsync("ABOR");

        Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        Assert.Equal(226, (await client.ReadReplyAsync()).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_stalled_upload_gets_426_after_the_data_timeout()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Timeouts.Data = TimeSpan.FromSeconds(1));
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "stalled.bin");
        await using (client)
        using (data)
        {
            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        }
    }

    [Fact]
    public async Task An_upload_whose_data_connection_is_reset_gets_426_and_an_incomplete_event()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        (RawFtpClient client, Socket data) = await StartUploadAsync(server, "reset.bin");
        await using (client)
        {
            data.Close(0);
            data.Dispose();

            Assert.Equal(426, (await client.ReadReplyAsync()).Code);
        }

        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(e => e.Any(x => x is FileReceivedIncomplete));
        Assert.Single(events.OfType<FileReceivedIncomplete>());
        Assert.DoesNotContain(events, e => e is FileReceived);
    }
}
