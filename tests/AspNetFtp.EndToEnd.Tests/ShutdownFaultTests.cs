using System.Diagnostics;
using System.Globalization;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Issue 10, faults: SIGTERM while a download runs. The listener closes at once (so a restarted server can bind the
/// port and connections are refused rather than accepted and dropped), a client that is connected but not logged
/// in gets 421, and the running transfer completes with 226 and every byte before the process exits.
/// </summary>
public sealed class ShutdownFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SIGTERM_during_a_download_lets_it_complete_while_a_waiting_login_gets_421_and_new_connections_are_refused()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__Timeouts__ShutdownGrace"] = "00:01:00");
        var bytes = server.CreateHomeFile("big.bin", 24 * 1024 * 1024, seed: 7);
        await using var downloader = await server.ConnectRawAsync(login: true);
        await using var waiting = await server.ConnectRawAsync();
        await downloader.ExpectAsync("TYPE I", 200);
        using var data = await downloader.OpenPassiveDataAsync();
        await downloader.ExpectAsync("RETR big.bin", 150);
        var stream = data.GetStream();
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var first = await stream.ReadAsync(buffer);
        received.Write(buffer, 0, first);

        var kill = await ClientRunner.RunAsync("kill", ["-TERM", server.Process.ProcessId.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(kill.Succeeded, kill.Describe());

        // The waiting client is told at once; nobody new gets in.
        var told = await waiting.ReadReplyAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(421, told.Code);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => RawFtpClient.ConnectAsync(server.Host, server.Port));

        // Read the rest slowly enough that the transfer is still running when the others were told.
        var clock = Stopwatch.StartNew();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0 && clock.Elapsed < TimeSpan.FromSeconds(50))
        {
            received.Write(buffer, 0, read);
            if (received.Length < 4 * 1024 * 1024)
            {
                await Task.Delay(5);
            }
        }

        var final = await downloader.ReadReplyAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(226, final.Code);
        Assert.Equal(bytes, received.ToArray());
        Assert.True(await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the host did not exit after its last transfer ended");
    }
}
