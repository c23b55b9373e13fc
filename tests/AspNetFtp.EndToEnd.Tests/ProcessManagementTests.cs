using System.Globalization;
using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>The deployment guide's promises: pid file, daemonize, privilege drop, graceful SIGTERM.</summary>
public sealed partial class ProcessManagementTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_pid_file_holds_the_serving_process_id_and_is_removed_after_sigterm()
    {
        string pidFile = Path.Combine(TestRun.NewDirectory("pid"), "run", "aspnetftp.pid");
        await using FtpTestServer server = await FtpTestServer.StartAsync(output, s => s.ExtraArguments.AddRange(["--pidfile", pidFile]));

        Assert.Equal(server.Process.ProcessId.ToString(CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(pidFile)).Trim());

        await SendSigtermAsync(server.Process.ProcessId);
        Assert.True(await server.Process.WaitForExitAsync(ExitTimeout), server.Process.Output);
        Assert.False(File.Exists(pidFile), "the pid file should be removed at exit");
    }

    [Fact]
    public async Task A_second_start_with_the_pid_file_of_a_running_server_is_refused()
    {
        string pidFile = Path.Combine(TestRun.NewDirectory("pid"), "aspnetftp.pid");
        await using FtpTestServer first = await FtpTestServer.StartAsync(output, s => s.ExtraArguments.AddRange(["--pidfile", pidFile]));

        ProcessResult second = await RunHostAsync(["ftpserver", "127.0.0.1:0", "--pidfile", pidFile], first.Home);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains(first.Process.ProcessId.ToString(CultureInfo.InvariantCulture), second.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening on", second.StdOut, StringComparison.Ordinal);
        Assert.Equal(first.Process.ProcessId.ToString(CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(pidFile)).Trim());
    }

    [Fact]
    public async Task A_stale_pid_file_naming_a_dead_process_does_not_prevent_a_start()
    {
        string pidFile = Path.Combine(TestRun.NewDirectory("pid"), "aspnetftp.pid");
        await File.WriteAllTextAsync(pidFile, "2147483000\n");

        await using FtpTestServer server = await FtpTestServer.StartAsync(output, s => s.ExtraArguments.AddRange(["--pidfile", pidFile]));

        Assert.Equal(server.Process.ProcessId.ToString(CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(pidFile)).Trim());
    }

    [Fact]
    public async Task Daemonize_returns_once_the_detached_server_serves_in_its_own_session()
    {
        string scratch = TestRun.NewDirectory("daemon");
        string home = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;
        string pidFile = Path.Combine(scratch, "aspnetftp.pid");
        string logFile = Path.Combine(scratch, "aspnetftp.log");
        await File.WriteAllTextAsync(Path.Combine(home, "hello.txt"), "hello from the daemon");

        ProcessResult parent = await RunHostAsync(
            ["ftpserver", "127.0.0.1:0", "--daemonize", "--pidfile", pidFile, "--logfile", logFile], home);
        Assert.True(parent.Succeeded, parent.Describe());
        int pid = int.Parse(DaemonPid().Match(parent.StdOut).Groups[1].Value, CultureInfo.InvariantCulture);
        try
        {
            Assert.Equal(pid.ToString(CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(pidFile)).Trim());
            Assert.Equal(pid, SessionIdOf(pid));
            int port = int.Parse(ListeningPort().Match(await File.ReadAllTextAsync(logFile)).Groups[1].Value, CultureInfo.InvariantCulture);

            ProcessResult download = await ClientRunner.CurlAsync(["--user", $"{FtpTestServer.UserName}:{FtpTestServer.Password}", $"ftp://127.0.0.1:{port}/hello.txt"]);
            output.WriteLine(download.Describe());
            Assert.True(download.Succeeded, download.Describe());
            Assert.Equal("hello from the daemon", download.StdOut);
        }
        finally
        {
            await SendSigtermAsync(pid);
            Assert.True(await WaitUntilGoneAsync(pid, ExitTimeout), "the daemon did not stop on SIGTERM");
        }

        Assert.False(File.Exists(pidFile), "the daemon should remove its pid file at exit");
    }

    [RootFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task File_access_user_binds_as_root_then_serves_as_that_user()
    {
        (uint uid, uint gid) = (65534, 65534); // nobody:nogroup on Debian
        await using FtpTestServer server = await FtpTestServer.StartAsync(output, s => s.ExtraArguments.AddRange(["--file-access-user", "nobody"]));
        MakeWritableByEveryone(server.Home);

        Assert.Equal($"{uid}", UidOf(server.Process.ProcessId));
        ProcessResult upload = await server.CurlAsync("-T", "-", server.Url("uploaded.txt"));
        output.WriteLine(upload.Describe());
        Assert.True(upload.Succeeded, upload.Describe());
        Assert.Equal(uid, OwnerOf(server.HomePath("uploaded.txt")).Uid);
        Assert.Equal(gid, OwnerOf(server.HomePath("uploaded.txt")).Gid);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task File_access_user_is_refused_with_exit_code_2_when_not_started_as_root()
    {
        if (!IsRoot())
        {
            ProcessResult direct = await RunHostAsync(["ftpserver", "127.0.0.1:0", "--file-access-user", "nobody"], TestRun.NewDirectory("nonroot"));
            Assert.Equal(2, direct.ExitCode);
            Assert.Contains("root", direct.StdErr, StringComparison.Ordinal);
            return;
        }

        // As root, run the host as nobody (setpriv drops to it) and ask it to drop again.
        string home = TestRun.NewDirectory("nonroot");
        MakeWritableByEveryone(home);
        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        ProcessResult result = await ClientRunner.RunAsync(
            "setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", fileName, .. prefix, "ftpserver", "127.0.0.1:0", "--file-access-user", "nobody"],
            TimeSpan.FromSeconds(60),
            environment: await EnvironmentAsync(home),
            workingDirectory: home);
        output.WriteLine(result.Describe());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("root", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening on", result.StdOut, StringComparison.Ordinal);
    }

    private async Task<ProcessResult> RunHostAsync(string[] arguments, string home)
    {
        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        ProcessResult result = await ClientRunner.RunAsync(fileName, [.. prefix, .. arguments], TimeSpan.FromSeconds(90),
            environment: await EnvironmentAsync(home), workingDirectory: workingDirectory);
        output.WriteLine(result.Describe());
        return result;
    }

    private static async Task<Dictionary<string, string>> EnvironmentAsync(string home)
    {
        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser(FtpTestServer.UserName, FtpTestServer.Password, home));
        return await settings.BuildEnvironmentAsync();
    }

    private static async Task SendSigtermAsync(int pid) =>
        await ClientRunner.RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));

    private static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Field 6 of /proc/PID/stat: the session id.</summary>
    private static int SessionIdOf(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3], CultureInfo.InvariantCulture);
    }

    private static string UidOf(int pid) =>
        File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

    private static (uint Uid, uint Gid) OwnerOf(string path)
    {
        ProcessResult stat = ClientRunner.RunAsync("stat", ["-c", "%u %g", path], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        string[] parts = stat.StdOut.Trim().Split(' ');
        return (uint.Parse(parts[0], CultureInfo.InvariantCulture), uint.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static bool IsRoot() => RootFactAttribute.IsRoot;

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakeWritableByEveryone(string directory)
    {
        File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
        for (DirectoryInfo? d = new DirectoryInfo(directory).Parent; d is not null && d.FullName != "/"; d = d.Parent)
        {
            File.SetUnixFileMode(d.FullName, File.GetUnixFileMode(d.FullName) | UnixFileMode.OtherExecute);
        }
    }

    [GeneratedRegex(@"background as pid (\d+)")]
    private static partial Regex DaemonPid();

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+) \(FTP\)")]
    private static partial Regex ListeningPort();
}
