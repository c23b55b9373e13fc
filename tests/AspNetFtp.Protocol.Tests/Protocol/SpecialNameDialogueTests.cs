using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Protocol;

/// <summary>
/// Names the file system refuses for good must get a permanent reply, never 451 ("try again later"), and
/// entries that are not regular files must never hold the session.
/// </summary>
public sealed class SpecialNameDialogueTests
{
    // 90 euro signs: 90 characters (within the 255 a path segment may have) but 270 UTF-8 bytes, more than a Linux name may have.
    private static readonly string LongInBytes = new('€', 90);

    [Fact]
    public async Task Mkd_of_a_name_within_255_characters_but_over_255_bytes_gets_553_not_451()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(553, (await client.CommandAsync("MKD " + LongInBytes)).Code);
        Assert.Empty(Directory.GetFileSystemEntries(server.Home.Path));
    }

    [Fact]
    public async Task Rnto_to_a_name_within_255_characters_but_over_255_bytes_gets_553_not_451()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("a.txt", "mine");
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(350, (await client.CommandAsync("RNFR a.txt")).Code);
        Assert.Equal(553, (await client.CommandAsync("RNTO " + LongInBytes)).Code);
        Assert.Equal("mine", File.ReadAllText(server.Home["a.txt"]));
    }

    [Fact]
    public async Task Retr_of_a_fifo_gets_550_and_the_session_keeps_answering()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        string fifo = server.Home["fifo"];
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            Assert.True(mkfifo.WaitForExit(RawFtpClient.Timeout));
            Assert.Equal(0, mkfifo.ExitCode);
        }

        try
        {
            await using RawFtpClient client = await server.LoginAsync();
            using Socket data = await client.OpenPassiveAsync();

            Assert.Equal(550, (await client.CommandAsync("RETR fifo")).Code);
            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
        }
        finally
        {
            // A read-write open never blocks and releases an open that waits for the other end.
            using (new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite))
            {
            }
        }
    }

    [Fact]
    public async Task A_name_that_is_not_utf8_does_not_fail_the_listing_of_its_directory()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync();
        server.Home.WriteFile("d/x.txt", "mine");
        // Made outside FTP (a .NET string cannot hold the byte 0xFF as a name): "inv", 0xFF, "alid".
        using (var touch = Process.Start(new ProcessStartInfo("sh", ["-c", "touch \"$(printf 'inv\\377alid')\""])
        {
            UseShellExecute = false,
            WorkingDirectory = server.Home["d"],
        })!)
        {
            Assert.True(touch.WaitForExit(RawFtpClient.Timeout));
            Assert.Equal(0, touch.ExitCode);
        }

        Assert.Equal(2, Directory.GetFileSystemEntries(server.Home["d"]).Length);
        await using RawFtpClient client = await server.LoginAsync();

        FtpReply status = await client.CommandAsync("STAT d");
        Assert.Equal(213, status.Code);
        Assert.Single(status.Lines, l => l.EndsWith(" x.txt", StringComparison.Ordinal));
        Assert.Equal("x.txt\r\n", Encoding.UTF8.GetString(await client.DownloadAsync("NLST d")));
    }
}
