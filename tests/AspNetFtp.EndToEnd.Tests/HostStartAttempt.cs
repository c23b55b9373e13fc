using System.Diagnostics;
using System.Globalization;
using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// One start of the real host that may either serve or be refused: waits (bounded) until it prints its first
/// <c>Listening on</c> line or exits, whichever comes first, and kills it on dispose.
/// </summary>
internal sealed class HostStartAttempt : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITestOutputHelper _log;

    private HostStartAttempt(Process process, ITestOutputHelper log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>True once the host printed a <c>Listening on</c> line.</summary>
    public bool Listening => _listening.Task.IsCompletedSuccessfully;

    /// <summary>The exit code when the host exited (before serving or after), else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The environment that makes the host use the Identity store on SQLite in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string> IdentityEnvironment(string dataDirectory) => new(StringComparer.Ordinal)
    {
        ["FtpServer__Accounts"] = "Identity",
        ["FtpServer__DataDirectory"] = dataDirectory,
        ["FtpServer__RootDirectory"] = Path.Combine(dataDirectory, "ftp"),
        ["FtpServer__LoginFailureDelay"] = "0",
        ["FtpServer__Defender__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>Runs <c>umask 022; exec dotnet AspNetFtp.Host.dll ARGUMENTS</c> in <paramref name="workingDirectory"/>.</summary>
    public static Task<HostStartAttempt> StartAsync(ITestOutputHelper log, IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] arguments) =>
        StartAsync(log, environment, workingDirectory, onTerminal: false, arguments);

    /// <summary>As <see cref="StartAsync(ITestOutputHelper, IReadOnlyDictionary{string, string}, string, string[])"/>, with a pseudo-terminal as standard output when <paramref name="onTerminal"/> (util-linux <c>script</c>).</summary>
    public static async Task<HostStartAttempt> StartAsync(ITestOutputHelper log, IReadOnlyDictionary<string, string> environment, string workingDirectory, bool onTerminal, params string[] arguments)
    {
        var (fileName, prefix, _) = RepoLayout.HostCommand;
        string[] command = [fileName, .. prefix, .. arguments];
        string[] launcher = onTerminal
            ? ["script", "--quiet", "--flush", "--return", "--command", "umask 022; exec " + string.Join(' ', command.Select(ShellQuote)), "/dev/null"]
            : ["/bin/sh", "-c", "umask 022; exec \"$@\"", "sh", .. command];
        var info = new ProcessStartInfo(launcher[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in launcher.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var attempt = new HostStartAttempt(process, log);
        process.OutputDataReceived += (_, e) => attempt.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => attempt.OnLine("err", e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.WriteLine($"$ {string.Join(' ', info.ArgumentList)}");

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await Task.WhenAny(attempt._listening.Task, process.WaitForExitAsync(timeout.Token)).WaitAsync(timeout.Token);
            if (process.HasExited)
            {
                // Let the asynchronous readers deliver the last lines.
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            log.WriteLine($"the host neither served nor exited within {StartTimeout.TotalSeconds:0} s");
        }

        return attempt;
    }

    /// <summary>Waits (bounded) until the host's output contains <paramref name="text"/>; false on timeout or exit.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || waited.Elapsed > timeout)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(50);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessTermination.KillAndWaitAsync(_process, TimeSpan.FromSeconds(10));

        _log.WriteLine($"--- host output (exit {(_process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none")}) ---");
        _log.WriteLine(Output);
        _process.Dispose();
    }

    private static string ShellQuote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void OnLine(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        line = line.TrimEnd('\r');

        lock (_lock)
        {
            _output.Append(stream).Append("| ").AppendLine(line);
        }

        if (stream == "out" && line.StartsWith("Listening on ", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
