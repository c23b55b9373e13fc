using System.Diagnostics;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using AspNetFtp.Testing;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>
/// Issue 12: the host as a container's main process. As PID 1 of a new PID namespace (what <c>docker stop</c> signals),
/// SIGTERM during a download lets the download complete and the host exit 0 within the grace.
/// </summary>
public sealed class Pid1ShutdownTests(ITestOutputHelper output)
{
    private const int Port = 15020;

    [RootFact]
    public async Task As_PID_1_SIGTERM_during_a_download_lets_it_complete_and_the_host_exits_0_within_the_grace()
    {
        TimeSpan grace = TimeSpan.FromSeconds(60);
        string scratch = TestRun.NewDirectory("pid1");
        string home = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;
        byte[] bytes = FtpTestServer.RandomBytes(24 * 1024 * 1024, seed: 12);
        await File.WriteAllBytesAsync(Path.Combine(home, "big.bin"), bytes);
        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser(FtpTestServer.UserName, FtpTestServer.Password, home));
        Dictionary<string, string> environment = await settings.BuildEnvironmentAsync();
        environment["FtpServer__DataDirectory"] = scratch;
        environment["FtpServer__Timeouts__ShutdownGrace"] = "00:01:00";
        await using var host = await NamespacedHost.StartAsync(["ftpserver", $"127.0.0.1:{Port}", "--passive-ports", "15021-15029"], environment);
        try
        {
            Assert.True(await FtpGreeting.WaitFor220Async("127.0.0.1", Port, TimeSpan.FromSeconds(60)), "the host did not greet within 60 s");
            Assert.Equal("1", ProcessIdInsideNamespace(host.HostPid));

            await using var client = await RawFtpClient.ConnectAsync("127.0.0.1", Port, log: output);
            await client.LoginAsync(FtpTestServer.UserName, FtpTestServer.Password);
            await client.ExpectAsync("TYPE I", 200);
            using var data = await client.OpenPassiveDataAsync();
            await client.ExpectAsync("RETR big.bin", 150);
            var stream = data.GetStream();
            var received = new MemoryStream();
            byte[] buffer = new byte[64 * 1024];
            received.Write(buffer, 0, await stream.ReadAsync(buffer));

            await host.SignalAsync("TERM");
            var sinceSigterm = Stopwatch.StartNew();

            // Slow enough that the transfer is still running after the signal, bounded by the grace.
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0 && sinceSigterm.Elapsed < grace)
            {
                received.Write(buffer, 0, read);
                if (received.Length < 4 * 1024 * 1024)
                {
                    await Task.Delay(5);
                }
            }

            Assert.Equal(226, (await client.ReadReplyAsync(TimeSpan.FromSeconds(20))).Code);
            Assert.Equal(bytes, received.ToArray());
            Assert.True(await host.WaitForExitAsync(grace - sinceSigterm.Elapsed), $"the host did not exit within the grace ({grace.TotalSeconds} s) after SIGTERM");
            Assert.Equal(0, host.ExitCode);
        }
        finally
        {
            output.WriteLine(host.Output);
        }
    }

    /// <summary>The last NSpid field of /proc/PID/status: the process id in its innermost PID namespace.</summary>
    private static string ProcessIdInsideNamespace(int pid) =>
        File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("NSpid:", StringComparison.Ordinal))
            .Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[^1];
}
