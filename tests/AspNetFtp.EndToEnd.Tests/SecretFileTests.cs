using System.Globalization;
using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Security issue 6: files holding secrets (the account database and its WAL/SHM, the daemon's log, the pid file,
/// the first administrator's password) are readable by their owner only; the password never reaches a log.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class SecretFileTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_daemonized_first_start_writes_every_secret_file_and_directory_owner_only()
    {
        var scenario = new ServiceUserScenario();
        string pidFile = Path.Combine(scenario.Data, "run", "aspnetftp.pid");

        int daemon = await StartDaemonAsync(scenario, "--pidfile", pidFile);
        try
        {
            Assert.Equal("700", ServiceUserScenario.ModeOf(scenario.Data));
            Assert.Equal("700", ServiceUserScenario.ModeOf(Path.Combine(scenario.Data, "run")));
            Assert.Equal("600", ServiceUserScenario.ModeOf(pidFile));
            Assert.Equal("600", ServiceUserScenario.ModeOf(Path.Combine(scenario.Data, "aspnetftp.log")));
            Assert.Equal("600", ServiceUserScenario.ModeOf(Path.Combine(scenario.Data, "aspnetftp.db")));
            Assert.Equal("600", ServiceUserScenario.ModeOf(Path.Combine(scenario.Data, "aspnetftp.db-wal")));
            Assert.Equal("600", ServiceUserScenario.ModeOf(Path.Combine(scenario.Data, "aspnetftp.db-shm")));
        }
        finally
        {
            await StopAsync(daemon);
        }
    }

    [Fact]
    public async Task The_daemon_log_names_an_owner_only_file_holding_the_first_administrator_password_instead_of_the_password()
    {
        var scenario = new ServiceUserScenario();

        int daemon = await StartDaemonAsync(scenario);
        try
        {
            string log = await File.ReadAllTextAsync(Path.Combine(scenario.Data, "aspnetftp.log"));
            Match named = PasswordFileLine().Match(log);
            Assert.True(named.Success, log);
            string passwordFile = named.Groups["file"].Value;
            Assert.Equal(Path.Combine(scenario.Data, "first-administrator-password"), passwordFile);
            Assert.Equal("600", ServiceUserScenario.ModeOf(passwordFile));
            string password = (await File.ReadAllTextAsync(passwordFile)).Trim();
            Assert.Matches(@"^\S{16,}$", password);
            Assert.DoesNotContain(password, log, StringComparison.Ordinal);

            int port = int.Parse(ListeningPort().Match(log).Groups[1].Value, CultureInfo.InvariantCulture);
            ProcessResult login = await ClientRunner.CurlAsync(["--user", $"admin:{password}", "--list-only", $"ftp://127.0.0.1:{port}/"]);
            output.WriteLine(login.Describe());
            Assert.True(login.Succeeded, login.Describe());
        }
        finally
        {
            await StopAsync(daemon);
        }
    }

    [Fact]
    public async Task On_a_terminal_the_first_administrator_password_is_shown_and_no_file_is_written()
    {
        var scenario = new ServiceUserScenario();

        await using HostStartAttempt host = await HostStartAttempt.StartAsync(
            output, HostStartAttempt.IdentityEnvironment(scenario.Data), scenario.Scratch, onTerminal: true, "ftpserver", "127.0.0.1:0");

        Assert.True(await host.WaitForOutputAsync("Press Ctrl+C to stop.", ExitTimeout), host.Output);
        Assert.Matches(@"First start: created the administrator 'admin' with the password \S{16,}", host.Output);
        Assert.False(File.Exists(Path.Combine(scenario.Data, "first-administrator-password")));
    }

    [RootFact]
    public async Task A_start_as_root_for_the_service_user_leaves_the_database_theirs_and_owner_only()
    {
        var scenario = new ServiceUserScenario();

        await using HostStartAttempt host = await HostStartAttempt.StartAsync(
            output, HostStartAttempt.IdentityEnvironment(scenario.Data), scenario.Scratch,
            "ftpserver", "127.0.0.1:0", "--file-access-user", ServiceUserScenario.ServiceUser);

        Assert.True(host.Listening, host.Output);
        Assert.True(await host.WaitForOutputAsync("Press Ctrl+C to stop.", ExitTimeout), host.Output);
        foreach (string name in (string[])["", "ftp", "aspnetftp.db", "aspnetftp.db-wal", "aspnetftp.db-shm", "first-administrator-password"])
        {
            string path = Path.Combine(scenario.Data, name);
            Assert.Equal((path, name is "" or "ftp" ? "700" : "600"), (path, ServiceUserScenario.ModeOf(path)));
            Assert.Equal((path, ServiceUserScenario.ServiceUserId), (path, ServiceUserScenario.OwnerOf(path)));
        }
    }

    [Fact]
    public async Task Uploads_keep_the_modes_the_inherited_umask_gives()
    {
        var scenario = new ServiceUserScenario();
        string home = Directory.CreateDirectory(Path.Combine(scenario.Scratch, "home")).FullName;
        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser(FtpTestServer.UserName, FtpTestServer.Password, home));

        await using HostStartAttempt host = await HostStartAttempt.StartAsync(
            output, await settings.BuildEnvironmentAsync(), scenario.Scratch, "ftpserver", "127.0.0.1:0");
        Assert.True(host.Listening, host.Output);
        int port = int.Parse(ListeningPort().Match(host.Output).Groups[1].Value, CultureInfo.InvariantCulture);

        string local = Path.Combine(scenario.Scratch, "local.txt");
        await File.WriteAllTextAsync(local, "uploaded");
        ProcessResult upload = await ClientRunner.CurlAsync(
            ["--user", $"{FtpTestServer.UserName}:{FtpTestServer.Password}", "--ftp-create-dirs", "-T", local, $"ftp://127.0.0.1:{port}/made/up.txt"]);
        output.WriteLine(upload.Describe());
        Assert.True(upload.Succeeded, upload.Describe());

        Assert.Equal("755", ServiceUserScenario.ModeOf(Path.Combine(home, "made")));
        Assert.Equal("644", ServiceUserScenario.ModeOf(Path.Combine(home, "made", "up.txt")));
    }

    /// <summary>Runs <c>ftpserver --daemonize</c> (umask 022, Identity on SQLite in the scenario's data directory); returns the daemon's pid.</summary>
    private async Task<int> StartDaemonAsync(ServiceUserScenario scenario, params string[] extra)
    {
        var (fileName, prefix, _) = RepoLayout.HostCommand;
        ProcessResult parent = await ClientRunner.RunAsync(
            "/bin/sh",
            ["-c", "umask 022; exec \"$@\"", "sh", fileName, .. prefix, "ftpserver", "127.0.0.1:0", "--daemonize", .. extra],
            TimeSpan.FromSeconds(90),
            environment: HostStartAttempt.IdentityEnvironment(scenario.Data),
            workingDirectory: scenario.Scratch);
        output.WriteLine(parent.Describe());
        Assert.True(parent.Succeeded, parent.Describe());
        return int.Parse(DaemonPid().Match(parent.StdOut).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task StopAsync(int pid)
    {
        await ClientRunner.RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal) && waited.Elapsed < ExitTimeout)
        {
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"background as pid (\d+)")]
    private static partial Regex DaemonPid();

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+) \(FTP\)")]
    private static partial Regex ListeningPort();

    [GeneratedRegex(@"First start: created the administrator 'admin'; its password is in (?<file>/\S+) \(")]
    private static partial Regex PasswordFileLine();
}
