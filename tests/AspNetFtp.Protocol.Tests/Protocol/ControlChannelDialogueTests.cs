using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>How the session reads command lines: framing, limits and protocol errors (RFC 959 §4.1, §5.3).</summary>
public sealed class ControlChannelDialogueTests
{
    [Fact]
    public async Task An_unknown_verb_gets_500_and_the_session_continues()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(500, (await client.CommandAsync("FROB now")).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Verbs_are_case_insensitive()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(200, (await client.CommandAsync("noop")).Code);
        Assert.Equal(215, (await client.CommandAsync("Syst")).Code);
    }

    [Fact]
    public async Task An_empty_line_gets_500()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(500, (await client.CommandAsync(string.Empty)).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_line_longer_than_8_KiB_gets_500_and_the_next_command_works()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(500, (await client.CommandAsync("NOOP " + new string('x', 9000))).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_line_of_several_hundred_KiB_gets_one_500_and_the_next_command_works()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(500, (await client.CommandAsync("CWD " + new string('x', 300_000))).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_bare_line_feed_gets_500_and_the_session_continues()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        await client.SendRawAsync("NOOP\n"u8.ToArray());

        Assert.Equal(500, (await client.ReadReplyAsync()).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task A_nul_in_a_command_gets_501()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        await client.SendRawAsync("USER al\0ice\r\n"u8.ToArray());

        Assert.Equal(501, (await client.ReadReplyAsync()).Code);
        Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Too_many_bad_lines_in_a_row_get_421_and_the_connection_is_closed()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxProtocolErrors = 3);
        await using RawFtpClient client = await server.ConnectAsync();

        Assert.Equal(500, (await client.CommandAsync("JUNK")).Code);
        Assert.Equal(500, (await client.CommandAsync("JUNK")).Code);
        Assert.Equal(500, (await client.CommandAsync("JUNK")).Code);

        Assert.Equal(421, (await client.ReadReplyAsync()).Code);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task A_good_command_resets_the_count_of_bad_lines()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.Limits.MaxProtocolErrors = 3);
        await using RawFtpClient client = await server.ConnectAsync();

        for (int round = 0; round < 3; round++)
        {
            Assert.Equal(500, (await client.CommandAsync("JUNK")).Code);
            Assert.Equal(500, (await client.CommandAsync("JUNK")).Code);
            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        }
    }

    [Fact]
    public async Task Several_commands_in_one_packet_each_get_their_reply_in_order()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.ConnectAsync();

        await client.SendRawAsync("NOOP\r\nSYST\r\nUSER alice\r\n"u8.ToArray());

        Assert.Equal(200, (await client.ReadReplyAsync()).Code);
        Assert.Equal(215, (await client.ReadReplyAsync()).Code);
        Assert.Equal(331, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Telnet_ip_and_dm_before_abor_are_ignored()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        await client.SendRawAsync([0xFF, 0xF4, 0xFF, 0xF2, .. "ABOR\r\n"u8]);

        Assert.Equal(225, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task A_data_mark_left_after_an_out_of_band_iac_is_ignored_before_abor()
    {
        // The IAC sent as TCP urgent data is taken out of the stream; DM (0xF2) arrives alone before ABOR.
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        await client.SendRawAsync([0xF2, .. "ABOR\r\n"u8]);

        Assert.Equal(225, (await client.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Utf8_names_work_in_commands_and_replies()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply made = await client.CommandAsync("MKD café");

        Assert.Equal(257, made.Code);
        Assert.Contains("\"/café\"", made.Text, StringComparison.Ordinal);
        Assert.True(Directory.Exists(server.Home["café"]));
    }
}
