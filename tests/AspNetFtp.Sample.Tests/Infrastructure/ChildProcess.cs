using System.Diagnostics;
using System.Text;

namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>
/// Runs a command to its end within a timeout; past it the whole process tree is killed and the result says so.
/// The MSBuild variables of the <c>dotnet test</c> that runs these tests are not passed on, so a nested
/// <c>dotnet build</c> is an ordinary one.
/// </summary>
internal static class ChildProcess
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        ProcessStartInfo info = StartInfo(fileName, arguments, environment, workingDirectory);
        string commandLine = fileName + " " + string.Join(' ', info.ArgumentList);
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.Start();
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();

        bool timedOut = false;
        using (var cts = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                await KillAsync(process);
            }
        }

        string output = await WithDeadline(stdout);
        string error = await WithDeadline(stderr);
        return new CommandResult(commandLine, process.HasExited ? process.ExitCode : -1, output, error, timedOut, stopwatch.Elapsed);
    }

    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (string key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        info.Environment["LC_ALL"] = "C.UTF-8";
        if (environment is not null)
        {
            foreach ((string key, string? value) in environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }
        }

        return info;
    }

    /// <summary>Kills the tree and waits a bounded time for it to go.</summary>
    public static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            // Left to the OS; nothing more can be done from here.
        }
        catch (InvalidOperationException)
        {
            // No process was ever associated.
        }
    }

    private static async Task<string> WithDeadline(Task<string> read)
    {
        Task finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));
        return finished == read ? await read : "[output not closed: a grandchild still holds the pipe]";
    }
}
