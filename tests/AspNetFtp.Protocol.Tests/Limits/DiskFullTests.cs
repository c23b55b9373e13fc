using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;

namespace AspNetFtp.Protocol.Tests.Limits;

/// <summary>
/// A full disk during STOR: a 1 MiB tmpfs mounted at <c>small/</c> in the home. RFC 959 gives 452 "insufficient
/// storage space in system" for exactly this (451 is a local processing error, 552 the user's own allocation), so
/// the client can tell "try later" from "your quota". Nothing of the upload stays, the session goes on.
/// </summary>
public sealed class DiskFullTests
{
    private const string Old = "the old, good content";

    [RootTheory]
    [InlineData(FtpUploadMode.Standard)]
    [InlineData(FtpUploadMode.Atomic)]
    [InlineData(FtpUploadMode.AtomicResume)]
    public async Task A_stor_that_fills_the_disk_gets_452_keeps_nothing_of_it_and_the_session_uploads_elsewhere(FtpUploadMode mode)
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o => o.UploadMode = mode);
        string small = server.Home.CreateDirectory("small");
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small);
        try
        {
            server.Home.WriteFile("small/keep.txt", Old);
            await using RawFtpClient client = await server.LoginAsync();
            Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);

            foreach (string target in new[] { "small/new.bin", "small/keep.txt" })
            {
                using (Socket data = await client.OpenPassiveAsync())
                {
                    Assert.Equal(150, (await client.CommandAsync("STOR " + target)).Code);
                    await RawFtpClient.SendExpectingCutAsync(data, 3 * 1024 * 1024);
                }

                Assert.Equal("452 Insufficient storage space.", (await client.ReadReplyAsync()).ToString());
            }

            Assert.False(File.Exists(server.Home["small/new.bin"]));
            Assert.Equal(mode == FtpUploadMode.Standard ? "" : Old, File.ReadAllText(server.Home["small/keep.txt"]));
            Assert.Equal("keep.txt", Path.GetFileName(Assert.Single(Directory.GetFiles(small))));
            Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
            await client.UploadAsync("STOR elsewhere.txt", Encoding.ASCII.GetBytes("on the big disk"));
            Assert.Equal("on the big disk", File.ReadAllText(server.Home["elsewhere.txt"]));
            await client.UploadAsync("STOR small/after.txt", Encoding.ASCII.GetBytes("room again"));
            Assert.Equal("room again", File.ReadAllText(server.Home["small/after.txt"]));
        }
        finally
        {
            await RunAsync("umount", "-l", small);
        }
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {await process.StandardError.ReadToEndAsync(deadline.Token)}");
    }
}
