using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// The host reads its settings once: it does not watch the working directory, whose whole tree a watch would
/// walk first (a service started in <c>/</c>, systemd's default working directory, never got to listen).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WorkingDirectoryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_server_started_in_a_deep_working_directory_puts_no_watch_on_it()
    {
        var scenario = new ServiceUserScenario();
        string home = Directory.CreateDirectory(Path.Combine(scenario.Scratch, "home")).FullName;
        for (int i = 0; i < 50; i++)
        {
            Directory.CreateDirectory(Path.Combine(scenario.Scratch, "tree", $"d{i}", "a", "b"));
        }

        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser(FtpTestServer.UserName, FtpTestServer.Password, home));

        await using HostStartAttempt host = await HostStartAttempt.StartAsync(
            output, await settings.BuildEnvironmentAsync(), scenario.Scratch, "ftpserver", "127.0.0.1:0");

        Assert.True(host.Listening, host.Output);
        Assert.True(await host.WaitForOutputAsync("Press Ctrl+C to stop.", ReadyTimeout), host.Output);
        Assert.Equal(0, InotifyWatchCount(host.ProcessId));
    }

    /// <summary>The inotify watches the process holds, from <c>/proc/PID/fdinfo</c> (one <c>inotify wd:</c> line each).</summary>
    private static int InotifyWatchCount(int processId)
    {
        int watches = 0;
        foreach (string fd in Directory.GetFiles($"/proc/{processId}/fd"))
        {
            string? target = new FileInfo(fd).LinkTarget;
            if (target is "anon_inode:inotify")
            {
                watches += File.ReadLines($"/proc/{processId}/fdinfo/{Path.GetFileName(fd)}")
                    .Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
        }

        return watches;
    }
}
