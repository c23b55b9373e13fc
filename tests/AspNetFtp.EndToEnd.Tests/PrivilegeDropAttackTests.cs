using System.Globalization;
using System.Text.RegularExpressions;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Security issue 6: started as root with <c>--file-access-user</c>, the host must never follow a link, nor write
/// as root, inside the directories the service user owns. The attacker is that user: they planted links in the
/// data directory a previous start handed to them, hoping root hands over or writes to the links' targets.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class PrivilegeDropAttackTests(ITestOutputHelper output)
{
    [RootFact]
    public async Task A_link_planted_beside_the_database_is_never_handed_to_the_service_user()
    {
        var scenario = new ServiceUserScenario();
        await scenario.HandDataDirectoryToServiceUserAsync();
        string victim = scenario.CreateVictimFile();
        File.CreateSymbolicLink(Path.Combine(scenario.Data, "aspnetftp.db-x"), victim);

        await using HostStartAttempt host = await StartAsync(scenario);

        Assert.True(host.Listening, host.Output);
        Assert.Equal(0u, ServiceUserScenario.OwnerOf(victim));
        Assert.Equal(ServiceUserScenario.VictimText, await File.ReadAllTextAsync(victim));
    }

    [RootFact]
    public async Task A_database_journal_planted_as_a_link_stops_the_start_and_its_target_stays_root_owned()
    {
        var scenario = new ServiceUserScenario();
        await scenario.HandDataDirectoryToServiceUserAsync();
        string victim = scenario.CreateVictimFile();
        string journal = Path.Combine(scenario.Data, "aspnetftp.db-journal");
        File.CreateSymbolicLink(journal, victim);

        await using HostStartAttempt host = await StartAsync(scenario);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains($"err| error: '{journal}' is a symbolic link; refusing to hand it to user 'nobody'", host.Output, StringComparison.Ordinal);
        Assert.Equal(0u, ServiceUserScenario.OwnerOf(victim));
        Assert.Equal(ServiceUserScenario.VictimText, await File.ReadAllTextAsync(victim));
    }

    [RootFact]
    public async Task A_database_planted_as_a_link_to_an_empty_root_file_is_never_opened_and_the_file_stays_empty()
    {
        // SQLite takes an empty file for a new database and writes its schema into it: opened as root before the
        // drop, the link would let the service user have root write into (and then own) any empty file.
        var scenario = new ServiceUserScenario();
        await scenario.HandDataDirectoryToServiceUserAsync();
        string victim = Path.Combine(scenario.Scratch, "empty-victim");
        await File.WriteAllBytesAsync(victim, []);
        File.SetUnixFileMode(victim, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string database = Path.Combine(scenario.Data, "aspnetftp.db");
        File.CreateSymbolicLink(database, victim);

        await using HostStartAttempt host = await StartAsync(scenario);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains($"err| error: '{database}' is a symbolic link; refusing to hand it to user 'nobody'", host.Output, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(victim).Length);
        Assert.Equal(0u, ServiceUserScenario.OwnerOf(victim));
    }

    [RootFact]
    public async Task An_ftp_root_planted_as_a_link_stops_the_start_and_its_target_stays_root_owned()
    {
        var scenario = new ServiceUserScenario();
        await scenario.HandDataDirectoryToServiceUserAsync();
        string victim = scenario.CreateVictimDirectory();
        string root = Path.Combine(scenario.Data, "ftp");
        File.CreateSymbolicLink(root, victim);

        await using HostStartAttempt host = await StartAsync(scenario);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains($"err| error: '{root}' is a symbolic link; refusing to hand it to user 'nobody'", host.Output, StringComparison.Ordinal);
        Assert.Equal(0u, ServiceUserScenario.OwnerOf(victim));
    }

    [RootFact]
    public async Task A_log_file_planted_as_a_link_stops_the_daemon_start_and_its_target_is_unchanged()
    {
        var scenario = new ServiceUserScenario();
        await scenario.HandDataDirectoryToServiceUserAsync();
        string victim = scenario.CreateVictimFile();
        string log = Path.Combine(scenario.Data, "aspnetftp.log");
        File.CreateSymbolicLink(log, victim);

        var (fileName, prefix, _) = RepoLayout.HostCommand;
        ProcessResult parent = await ClientRunner.RunAsync(
            fileName,
            [.. prefix, "ftpserver", "127.0.0.1:0", "--daemonize", "--file-access-user", ServiceUserScenario.ServiceUser],
            TimeSpan.FromSeconds(90),
            environment: HostStartAttempt.IdentityEnvironment(scenario.Data),
            workingDirectory: scenario.Scratch);
        output.WriteLine(parent.Describe());
        await StopDaemonOfAsync(parent);

        Assert.Equal(1, parent.ExitCode);
        Assert.Equal($"error: the log file '{log}' is a symbolic link; refusing to write to it", parent.StdErr.Trim());
        Assert.Equal(ServiceUserScenario.VictimText, await File.ReadAllTextAsync(victim));
        Assert.Equal(0u, ServiceUserScenario.OwnerOf(victim));
    }

    [RootFact]
    public async Task A_pid_file_planted_as_a_link_stops_the_start_and_its_target_is_unchanged()
    {
        var scenario = new ServiceUserScenario();
        await scenario.HandDataDirectoryToServiceUserAsync();
        string victim = scenario.CreateVictimFile();
        string pidFile = Path.Combine(scenario.Data, "aspnetftp.pid");
        File.CreateSymbolicLink(pidFile, victim);

        await using HostStartAttempt host = await StartAsync(scenario, "--pidfile", pidFile);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains($"err| error: the pid file '{pidFile}' is a symbolic link; refusing to use it", host.Output, StringComparison.Ordinal);
        Assert.Equal(ServiceUserScenario.VictimText, await File.ReadAllTextAsync(victim));
        Assert.Equal(0u, ServiceUserScenario.OwnerOf(victim));
    }

    [RootFact]
    public async Task Links_planted_at_every_guessable_temporary_pid_file_name_never_redirect_the_write()
    {
        var scenario = new ServiceUserScenario();
        await scenario.HandDataDirectoryToServiceUserAsync();
        string victim = scenario.CreateVictimFile();
        string pidFile = Path.Combine(scenario.Data, "aspnetftp.pid");
        foreach (int pid in GuessablePids())
        {
            File.CreateSymbolicLink($"{pidFile}.tmp{pid.ToString(CultureInfo.InvariantCulture)}", victim);
        }

        await using HostStartAttempt host = await StartAsync(scenario, "--pidfile", pidFile);

        Assert.True(host.Listening, host.Output);
        Assert.Equal(ServiceUserScenario.VictimText, await File.ReadAllTextAsync(victim));
        Assert.Equal(host.ProcessId.ToString(CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(pidFile)).Trim());
    }

    /// <summary>Every pid the kernel may hand out next (all of them when pid_max is small), at most 60,000.</summary>
    private static IEnumerable<int> GuessablePids()
    {
        int max = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture);
        if (max <= 60_000)
        {
            return Enumerable.Range(1, max - 1);
        }

        int last = int.Parse(File.ReadAllText("/proc/sys/kernel/ns_last_pid").Trim(), CultureInfo.InvariantCulture);
        return Enumerable.Range(last + 1, 60_000).Select(p => p < max ? p : p - max + 300);
    }

    private Task<HostStartAttempt> StartAsync(ServiceUserScenario scenario, params string[] extra) =>
        HostStartAttempt.StartAsync(
            output,
            HostStartAttempt.IdentityEnvironment(scenario.Data),
            scenario.Scratch,
            ["ftpserver", "127.0.0.1:0", "--file-access-user", ServiceUserScenario.ServiceUser, .. extra]);

    /// <summary>Before the fix the daemon did start: stop it so it does not outlive the test.</summary>
    private static async Task StopDaemonOfAsync(ProcessResult parent)
    {
        Match started = DaemonPid().Match(parent.StdOut);
        if (started.Success)
        {
            await ClientRunner.RunAsync("kill", ["-TERM", started.Groups[1].Value], TimeSpan.FromSeconds(10));
        }
    }

    [GeneratedRegex(@"background as pid (\d+)")]
    private static partial Regex DaemonPid();
}
