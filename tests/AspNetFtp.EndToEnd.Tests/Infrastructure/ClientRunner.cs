using System.Diagnostics;
using System.Text;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs a real client (curl, lftp, python3) or any other program with a hard timeout: the
/// whole process tree is killed when the timeout passes, and the result says so.
/// </summary>
internal static class ClientRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C.UTF-8";
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.Environment["PYTHONUTF8"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var commandLine = fileName + " " + string.Join(' ', info.ArgumentList.Select(Quote));
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.Start();

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading its input; its output says why.
        }

        var timedOut = false;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            cts.CancelAfter(timeout ?? DefaultTimeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                Kill(process);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    // Reported as timed out below.
                }
            }
        }

        var output = await WithDeadline(stdout, TimeSpan.FromSeconds(10));
        var error = await WithDeadline(stderr, TimeSpan.FromSeconds(10));
        return new ProcessResult(commandLine, process.HasExited ? process.ExitCode : -1, output, error, timedOut, stopwatch.Elapsed);
    }

    /// <summary>curl, silent but with errors shown, never waiting forever.</summary>
    public static Task<ProcessResult> CurlAsync(IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync("curl", ["--silent", "--show-error", "--max-time", "45", "--connect-timeout", "10", .. arguments], timeout, cancellationToken: cancellationToken);

    /// <summary>lftp -c with retries and timeouts small enough that a broken server fails fast.</summary>
    public static Task<ProcessResult> LftpAsync(string commands, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync(
            "lftp",
            ["-c", "set net:max-retries 1; set net:timeout 10; set net:reconnect-interval-base 1; set cmd:fail-exit true; set file:charset utf-8; set ftp:charset utf-8; set ssl:verify-certificate no; set ssl:check-hostname no; " + commands],
            timeout ?? TimeSpan.FromSeconds(120),
            environment: new Dictionary<string, string> { ["HOME"] = LftpHome.Value },
            cancellationToken: cancellationToken);

    /// <summary>Writes <paramref name="script"/> to a temporary file and runs it with python3.</summary>
    public static async Task<ProcessResult> PythonAsync(string script, IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(TestRun.ScratchRoot, "py-" + Guid.NewGuid().ToString("N") + ".py");
        await File.WriteAllTextAsync(path, script, new UTF8Encoding(false), cancellationToken);
        try
        {
            return await RunAsync("python3", ["-u", path, .. arguments], timeout, cancellationToken: cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>lftp reads ~/.lftprc and writes ~/.local/share/lftp; keep both away from the real home.</summary>
    private static readonly Lazy<string> LftpHome = new(() => Directory.CreateDirectory(Path.Combine(TestRun.ScratchRoot, "lftp-home")).FullName);

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<string> WithDeadline(Task<string> read, TimeSpan deadline)
    {
        var finished = await Task.WhenAny(read, Task.Delay(deadline));
        return finished == read ? await read : "[output not closed: a grandchild still holds the pipe]";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=,@%+".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
