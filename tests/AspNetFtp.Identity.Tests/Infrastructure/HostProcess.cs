using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>The built host, <c>dotnet AspNetFtp.Host.dll</c>: CLI verbs, and <c>ftpserver 127.0.0.1:0</c> as a child process.</summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly Lazy<string> HostDllPath = new(FindHostDll);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _bannerEnd = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => _process = process;

    public static string HostDll => HostDllPath.Value;

    public int Port => _listening.Task.Result;

    public bool HasExited() => _process.HasExited;

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

    /// <summary>
    /// Waits until the host has printed the last line of its start banner ("Press Ctrl+C to stop."), so
    /// <see cref="Output"/> holds the whole banner. Fails when the host exits first or the timeout passes.
    /// </summary>
    public async Task WaitForBannerAsync(TimeSpan timeout)
    {
        Task first = await Task.WhenAny(_bannerEnd.Task, _exited.Task, Task.Delay(timeout));
        if (first != _bannerEnd.Task)
        {
            throw new TimeoutException($"The host did not finish its start banner ({(first == _exited.Task ? "it exited" : $"within {timeout.TotalSeconds} s")}):\n{Output}");
        }
    }

    /// <summary>The usual environment for the host: quiet logs, no delay after a failed login.</summary>
    public static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            ["FtpServer__LoginFailureDelay"] = "0",
            ["FtpServer__Defender__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__AspNetFtp"] = "Information",
        };
        return environment;
    }

    /// <summary>Runs one CLI verb to its end.</summary>
    public static Task<ProcessResult> RunVerbAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, string[] arguments, string? standardInput = null) =>
        ProcessRunner.RunAsync("dotnet", [HostDll, .. arguments], environment, standardInput, workingDirectory, TimeSpan.FromSeconds(90));

    public static Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] extraArguments) =>
        StartOnAsync("127.0.0.1:0", environment, workingDirectory, extraArguments);

    /// <summary><c>ftpserver <paramref name="endpoint"/></c>: a fixed control port, for a load balancer's configuration.</summary>
    public static async Task<HostProcess> StartOnAsync(string endpoint, IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] extraArguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in (string[])[HostDll, "ftpserver", endpoint, .. extraArguments])
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
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine("err", e.Data);
        process.Exited += (_, _) =>
        {
            host._listening.TrySetException(new InvalidOperationException("The host exited before it was listening."));
            host._exited.TrySetResult();
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"The host did not start listening: {ex.Message}\n{host.Output}", ex);
        }

        return host;
    }

    /// <summary>SIGKILL, as a crashed or lost machine: no stop hook runs. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(grace.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void OnLine(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.Append(stream).Append("| ").AppendLine(line);
        }

        if (stream == "out" && line.StartsWith("Press Ctrl+C to stop.", StringComparison.Ordinal))
        {
            _bannerEnd.TrySetResult();
        }

        Match match = ListeningLine().Match(line);
        if (stream == "out" && match.Success)
        {
            _listening.TrySetResult(int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
        }
    }

    private static string FindHostDll()
    {
        if (PublishedHost.Dll() is { } published)
        {
            return published;
        }

        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AspNetFtp.slnx")))
            {
                string[] candidates = [configuration, configuration == "Release" ? "Debug" : "Release"];
                return candidates.Select(c => Path.Combine(dir.FullName, "src", "AspNetFtp.Host", "bin", c, "net10.0", "AspNetFtp.Host.dll"))
                    .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("The host is not built: dotnet build AspNetFtp.slnx -c Release");
            }
        }

        throw new InvalidOperationException("AspNetFtp.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Listening on \[?[0-9A-Fa-f:.]+\]?:(?<port>\d+) \(FTP\)")]
    private static partial Regex ListeningLine();
}
