using System.Diagnostics;
using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Issue 10's attack suite, slow-loris: a client that holds a connection by trickling bytes (never finishing a
/// line), by chatting without logging in, or by opening a data connection and sending nothing is cut off after
/// the configured time, and the server keeps serving others.
/// </summary>
public sealed partial class AttackTests
{
    [Fact]
    public async Task A_client_trickling_one_byte_at_a_time_without_a_line_end_is_closed_at_the_login_timeout()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__Timeouts__Login"] = "00:00:03");
        await using var client = await server.ConnectRawAsync();
        var clock = Stopwatch.StartNew();

        var closed = false;
        for (var i = 0; i < 60 && !closed; i++)
        {
            try
            {
                await client.SendRawAsync(Encoding.ASCII.GetBytes("N"));
            }
            catch (IOException)
            {
                closed = true;
                break;
            }

            (closed, _) = await client.WaitForCloseAsync(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(closed, "a trickling client kept its connection for 15 s past a 3 s login timeout");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(15));
        await using var next = await server.ConnectRawAsync(login: true);
        await next.ExpectAsync("NOOP", 200);
    }

    [Fact]
    public async Task A_client_sending_NOOP_without_ever_logging_in_is_closed_at_the_login_timeout_counted_from_connect()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__Timeouts__Login"] = "00:00:03");
        await using var client = await server.ConnectRawAsync();
        var clock = Stopwatch.StartNew();

        var closed = false;
        for (var i = 0; i < 60 && !closed; i++)
        {
            try
            {
                await client.SendLineAsync("NOOP");
            }
            catch (IOException)
            {
                closed = true;
                break;
            }

            (closed, _) = await client.WaitForCloseAsync(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(closed, "a client chatting without logging in kept its connection for 15 s past a 3 s login timeout");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_data_connection_that_stops_sending_mid_upload_gets_426_after_the_data_timeout_and_leaves_no_file()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__Timeouts__Data"] = "00:00:03");
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);
        using var data = await client.OpenPassiveDataAsync();
        await client.ExpectAsync("STOR held.bin", 150);
        var clock = Stopwatch.StartNew();

        await data.GetStream().WriteAsync(new byte[1000]);
        var final = await client.ReadReplyAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(426, final.Code);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(30));
        Assert.Empty(Directory.GetFileSystemEntries(server.Home));
        await client.ExpectAsync("NOOP", 200);
    }
}
