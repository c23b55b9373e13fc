using System.Diagnostics;
using System.Globalization;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>
/// Issue 12: supervisor for real (Debian's supervisor 4.2.5). supervisord runs the program section of
/// deploy/supervisor/aspnetftp.conf, with only its paths and ports replaced by the test's and its <c>user=</c> line
/// removed (no aspnetftp account here), restarts the server after SIGKILL, and stops it gracefully.
/// </summary>
public sealed class SupervisorRestartTests(ITestOutputHelper output)
{
    private const int Port = 15030;

    // What a restart may take: supervisord restarts an exited RUNNING program at once; the new host needs its start-up.
    private static readonly TimeSpan RestartBound = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task After_SIGKILL_supervisor_restarts_the_server_which_serves_the_files_uploaded_before_and_stop_is_graceful()
    {
        string scratch = TestRun.NewDirectory("supervisor");
        await using var supervisor = await StartSupervisorAsync(scratch);
        try
        {
            Assert.True(await FtpGreeting.WaitFor220Async("127.0.0.1", Port, TimeSpan.FromSeconds(60)), "no 220 within 60 s of starting supervisord");
            string upload = Path.Combine(scratch, "before-kill.txt");
            await File.WriteAllTextAsync(upload, "uploaded before the kill\n");
            ProcessResult put = await ClientRunner.CurlAsync(["-T", upload, $"ftp://{FtpTestServer.UserName}:{FtpTestServer.Password}@127.0.0.1:{Port}/before-kill.txt"]);
            Assert.True(put.Succeeded, put.Describe());
            int killed = await supervisor.PidAsync();

            ProcessResult kill = await ClientRunner.RunAsync("kill", ["-KILL", killed.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            Assert.True(kill.Succeeded, kill.Describe());
            var sinceKill = Stopwatch.StartNew();

            int restarted = 0;
            while (sinceKill.Elapsed < RestartBound && (restarted is 0 || restarted == killed || await FtpGreeting.TryReadAsync("127.0.0.1", Port, TimeSpan.FromSeconds(2)) != 220))
            {
                await Task.Delay(100);
                restarted = await supervisor.PidAsync();
            }

            output.WriteLine($"pid {killed} killed; pid {restarted} greets after {sinceKill.ElapsedMilliseconds} ms");
            Assert.True(sinceKill.Elapsed < RestartBound, $"no new server greeted within {RestartBound.TotalSeconds} s of the SIGKILL");
            ProcessResult get = await ClientRunner.CurlAsync([$"ftp://{FtpTestServer.UserName}:{FtpTestServer.Password}@127.0.0.1:{Port}/before-kill.txt"]);
            Assert.Equal("uploaded before the kill\n", get.StdOut);

            ProcessResult stop = await supervisor.CtlAsync("stop", "aspnetftp");
            Assert.Contains("aspnetftp: stopped", stop.StdOut, StringComparison.Ordinal);
            // Graceful: the server ended by itself after SIGTERM (exit status 0), not killed after stopwaitsecs.
            Assert.Contains("stopped: aspnetftp (exit status 0)", await File.ReadAllTextAsync(Path.Combine(scratch, "supervisord.log")), StringComparison.Ordinal);
        }
        finally
        {
            output.WriteLine(File.Exists(Path.Combine(scratch, "supervisord.log")) ? await File.ReadAllTextAsync(Path.Combine(scratch, "supervisord.log")) : "(no supervisord.log)");
            output.WriteLine(File.Exists(Path.Combine(scratch, "aspnetftp.log")) ? await File.ReadAllTextAsync(Path.Combine(scratch, "aspnetftp.log")) : "(no aspnetftp.log)");
        }
    }

    /// <summary>The repository's program section with the test's paths and ports (each replaced text must be there).</summary>
    internal static string ProgramSectionFor(string scratch, string home)
    {
        string program = DeploymentFiles.Read(DeploymentFiles.SupervisorProgram);
        (string From, string To)[] replacements =
        [
            ("/opt/aspnetftp/AspNetFtp.Host.dll", RepoLayout.HostDll),
            ("0.0.0.0:2121", $"127.0.0.1:{Port}"),
            ("--passive-ports 30000-30100", "--passive-ports 15031-15039"),
            ("directory=/var/lib/aspnetftp", $"directory={scratch}"),
            ("user=aspnetftp\n", ""),
            ("stdout_logfile=/var/log/supervisor/aspnetftp.log", $"stdout_logfile={Path.Combine(scratch, "aspnetftp.log")}"),
        ];
        foreach ((string from, string to) in replacements)
        {
            Assert.Contains(from, program, StringComparison.Ordinal);
            program = program.Replace(from, to, StringComparison.Ordinal);
        }

        Directory.CreateDirectory(home);
        return program;
    }

    private static async Task<Supervisor> StartSupervisorAsync(string scratch)
    {
        string config = Path.Combine(scratch, "supervisord.conf");
        await File.WriteAllTextAsync(config, $"""
            [unix_http_server]
            file={scratch}/supervisor.sock

            [supervisord]
            logfile={scratch}/supervisord.log
            pidfile={scratch}/supervisord.pid
            childlogdir={scratch}
            user=root

            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

            [supervisorctl]
            serverurl=unix://{scratch}/supervisor.sock

            """ + ProgramSectionFor(scratch, Path.Combine(scratch, "home")));

        // The accounts and the data directory reach the server through supervisord's environment, which it inherits.
        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser(FtpTestServer.UserName, FtpTestServer.Password, Path.Combine(scratch, "home")));
        var start = new ProcessStartInfo("timeout") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])["300", "supervisord", "-n", "-c", config])
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in await settings.BuildEnvironmentAsync())
        {
            start.Environment[key] = value;
        }

        start.Environment["FtpServer__DataDirectory"] = scratch;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Supervisor(process, config);
    }

    private sealed class Supervisor(Process process, string config) : IAsyncDisposable
    {
        public Task<ProcessResult> CtlAsync(params string[] arguments) =>
            ClientRunner.RunAsync("supervisorctl", ["-c", config, .. arguments], TimeSpan.FromSeconds(90));

        /// <summary>The program's pid, 0 while it is not running.</summary>
        public async Task<int> PidAsync()
        {
            ProcessResult pid = await CtlAsync("pid", "aspnetftp");
            return int.TryParse(pid.StdOut.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : 0;
        }

        public async ValueTask DisposeAsync()
        {
            // supervisord stops its program on SIGTERM; the tree kill is the fallback.
            await ClientRunner.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }

            await ProcessTermination.KillAndWaitAsync(process, TimeSpan.FromSeconds(10));
            process.Dispose();
        }
    }
}
