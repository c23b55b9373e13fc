using System.Diagnostics;
using System.Net.Sockets;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>The atomic upload mode when the whole server dies: a crash mid-STOR never corrupts the file being replaced.</summary>
public sealed class UploadCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_server_with_sigkill_during_an_atomic_stor_leaves_the_old_file_intact()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.Environment["FtpServer__UploadMode"] = "Atomic");
        server.CreateHomeFile("data.bin", 300_000, seed: 7);
        string before = FtpTestServer.Sha256(server.HomePath("data.bin"));
        byte[] replacement = FtpTestServer.RandomBytes(4 << 20, seed: 8);
        await using var client = await server.ConnectRawAsync(login: true);
        await client.ExpectAsync("TYPE I", 200);
        using Socket data = await client.OpenPassiveAsync();
        await client.ExpectAsync("STOR data.bin", 150);

        // Send the first megabyte and wait until the server has written part of it to its temporary file.
        await data.SendAsync(replacement.AsMemory(0, 1 << 20), SocketFlags.None);
        var clock = Stopwatch.StartNew();
        while (TemporaryBytes(server) < 64 * 1024)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no upload bytes reached the disk within 30 s");
            await Task.Delay(20);
        }

        using (Process host = Process.GetProcessById(server.Process.ProcessId))
        {
            host.Kill(entireProcessTree: true); // SIGKILL: no abort, no clean-up, no flush
        }

        Assert.True(await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the host survived SIGKILL");
        Assert.Equal(before, FtpTestServer.Sha256(server.HomePath("data.bin")));
        Assert.Equal(300_000, new FileInfo(server.HomePath("data.bin")).Length);
    }

    private static long TemporaryBytes(FtpTestServer server) =>
        Directory.GetFiles(server.Home, ".aspnetftp-upload-*").Sum(f => new FileInfo(f).Length);
}
