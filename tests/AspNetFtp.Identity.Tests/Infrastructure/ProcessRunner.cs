using System.Diagnostics;
using System.Text;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>What a finished (or killed) child process left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public override string ToString() =>
        $"$ {CommandLine}\nexit {(TimedOut ? "TIMED OUT" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>Runs a program (the host's CLI verbs, curl, python3, pg_ctlcluster) with a hard timeout.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Scratch.Root,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["LC_ALL"] = "C.UTF-8";
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        string commandLine = fileName + " " + string.Join(' ', info.ArgumentList);
        using var process = new Process { StartInfo = info };
        process.Start();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
        }

        bool timedOut = false;
        using (var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90)))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        string output = await Task.WhenAny(stdout, Task.Delay(10_000)) == stdout ? await stdout : "[stdout not closed]";
        string error = await Task.WhenAny(stderr, Task.Delay(10_000)) == stderr ? await stderr : "[stderr not closed]";
        return new ProcessResult(commandLine, process.HasExited ? process.ExitCode : -1, output, error, timedOut);
    }

    public static Task<ProcessResult> CurlAsync(params string[] arguments) =>
        RunAsync("curl", ["--silent", "--show-error", "--max-time", "45", "--connect-timeout", "10", .. arguments], timeout: TimeSpan.FromSeconds(60));

    public static async Task<ProcessResult> PythonAsync(string script, params string[] arguments)
    {
        string path = Path.Combine(Scratch.Root, "py-" + Guid.NewGuid().ToString("N") + ".py");
        await File.WriteAllTextAsync(path, script);
        try
        {
            return await RunAsync("python3", ["-u", path, .. arguments], timeout: TimeSpan.FromSeconds(60));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
