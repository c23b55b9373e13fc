using System.Diagnostics;
using System.Reflection;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// <c>--daemonize</c>: starts the same command again in a new session (setsid) with its output going to a
/// log file, waits until that child is serving, then returns, leaving it running in the background.
/// </summary>
internal static class Daemonizer
{
    private const string ChildVariable = "ASPNETFTP_DAEMON_CHILD";
    private const string ReadyFileVariable = "ASPNETFTP_READY_FILE";
    private const string LogDescriptorVariable = "ASPNETFTP_LOG_FD";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static bool IsDaemonChild => Environment.GetEnvironmentVariable(ChildVariable) == "1";

    /// <summary>In the background server: closes the inherited log descriptor (standard output and error already are the log).</summary>
    public static void CloseInheritedLog()
    {
        string? text = Environment.GetEnvironmentVariable(LogDescriptorVariable);
        Environment.SetEnvironmentVariable(LogDescriptorVariable, null);
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int fd) && fd > 2)
        {
            _ = LibC.close(fd);
        }
    }

    /// <summary>Tells a waiting parent that the server is serving.</summary>
    public static void SignalReady()
    {
        if (Environment.GetEnvironmentVariable(ReadyFileVariable) is { Length: > 0 } readyFile)
        {
            File.WriteAllText(readyFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Starts the detached child and waits for it to serve; returns the exit code for the parent.</summary>
    public static async Task<int> StartDetachedAsync(string logFile, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine("error: --daemonize works on Linux only; elsewhere run under a service manager");
            return 2;
        }

        DaemonLog log;
        try
        {
            log = DaemonLog.Open(logFile);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        using (log)
        {
            // The background server starts over with the umask this command was given (uploads keep their usual modes).
            FileCreationMask.RestoreInherited();
            return await StartAndWaitAsync(log, cancellationToken);
        }
    }

    private static async Task<int> StartAndWaitAsync(DaemonLog log, CancellationToken cancellationToken)
    {
        string readyFile = Path.Combine(Path.GetTempPath(), $"aspnetftp-ready-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        // exec: the shell becomes setsid, which (not being a group leader) becomes the server in a new session.
        // Its output goes to the log this process opened, reached through the inherited descriptor's
        // /proc/self/fd entry (the open file itself, whatever its name now points to): the log is never
        // looked up by name again.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$@\" </dev/null >>\"/proc/self/fd/$" + LogDescriptorVariable + "\" 2>&1");
        start.ArgumentList.Add("aspnetftp");
        foreach (string argument in CommandLineOfThisProcess())
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[ChildVariable] = "1";
        start.Environment[ReadyFileVariable] = readyFile;
        start.Environment[LogDescriptorVariable] = log.Descriptor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the background process");
        var waited = Stopwatch.StartNew();
        try
        {
            while (!File.Exists(readyFile))
            {
                if (child.HasExited)
                {
                    Console.Error.WriteLine($"error: the background server exited with code {child.ExitCode} before serving; see {log.Path}:");
                    foreach (string line in log.LastLines(10))
                    {
                        Console.Error.WriteLine("  " + line);
                    }

                    return 1;
                }

                if (waited.Elapsed > StartTimeout)
                {
                    Console.Error.WriteLine($"error: the background server (pid {child.Id}) did not start serving within {StartTimeout.TotalSeconds:0} s; see {log.Path}");
                    return 1;
                }

                await Task.Delay(100, cancellationToken);
            }

            Console.Out.WriteLine($"AspNetFtp is serving in the background as pid {child.Id}; log: {log.Path}");
            return 0;
        }
        finally
        {
            File.Delete(readyFile);
        }
    }

    /// <summary>This process's program and arguments, without <c>--daemonize</c>.</summary>
    private static IEnumerable<string> CommandLineOfThisProcess()
    {
        string program = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path");
        yield return program;
        string[] args = Environment.GetCommandLineArgs();
        int first = 1;
        if (Path.GetFileNameWithoutExtension(program).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            yield return Assembly.GetEntryAssembly()?.Location ?? args[0];
        }

        foreach (string argument in args.Skip(first).Where(a => a != "--daemonize" && !a.StartsWith("--daemonize=", StringComparison.Ordinal)))
        {
            yield return argument;
        }
    }
}
