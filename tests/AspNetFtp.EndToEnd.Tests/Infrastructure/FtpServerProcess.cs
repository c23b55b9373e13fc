using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real host (<c>dotnet AspNetFtp.Host.dll ftpserver 127.0.0.1:0 ...</c>) as a child process:
/// started, awaited until it prints its <c>Listening on</c> lines, killed on dispose.
/// </summary>
internal sealed partial class FtpServerProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string[] _expectedKinds;
    private readonly List<(string Kind, IPEndPoint EndPoint)> _listeners = [];

    private FtpServerProcess(Process process, string[] expectedKinds)
    {
        _process = process;
        _expectedKinds = expectedKinds;
    }

    public string CommandLine { get; private init; } = "";

    /// <summary>The plain/explicit-TLS control port.</summary>
    public int Port => _listeners.First(l => l.Kind == "FTP").EndPoint.Port;

    /// <summary>The implicit FTPS port, when <see cref="FtpServerSettings.ImplicitTls"/> was set.</summary>
    public int ImplicitPort => _listeners.First(l => l.Kind == "FTPS implicit").EndPoint.Port;

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>True if the host exits within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Everything the host wrote so far (stdout and stderr, interleaved, prefixed).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<FtpServerProcess> StartAsync(FtpServerSettings settings, CancellationToken cancellationToken = default)
    {
        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = settings.WorkingDirectory ?? workingDirectory,
        };
        foreach (var argument in prefix)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in settings.BuildArguments())
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in await settings.BuildEnvironmentAsync())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new FtpServerProcess(process, settings.ImplicitTls ? ["FTP", "FTPS implicit"] : ["FTP"])
        {
            CommandLine = fileName + " " + string.Join(' ', info.ArgumentList),
        };
        process.OutputDataReceived += (_, e) => server.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine("err", e.Data);
        process.Exited += (_, _) => server._ready.TrySetException(
            new InvalidOperationException("The host exited before it was listening."));

        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server._ready.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException(
                $"The FTP host did not report its listeners within {StartTimeout.TotalSeconds} s ({e.Message}).\n" +
                $"$ {server.CommandLine}\nexit: {(process.HasExited ? process.ExitCode : "still running")}\n{server.Output}",
                e);
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessTermination.KillAndWaitAsync(_process, TimeSpan.FromSeconds(10));

        _process.Dispose();
    }

    private void OnLine(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Append(stream).Append("| ").AppendLine(line);
            var match = ListeningLine().Match(line);
            if (match.Success && stream == "out")
            {
                var address = IPAddress.Parse(match.Groups["address"].Value.Trim('[', ']'));
                var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                _listeners.Add((match.Groups["kind"].Value, new IPEndPoint(address, port)));
                if (_expectedKinds.All(kind => _listeners.Exists(l => l.Kind == kind)))
                {
                    _ready.TrySetResult();
                }
            }
        }
    }

    [GeneratedRegex(@"Listening on (?<address>\[?[0-9A-Fa-f:.]+\]?):(?<port>\d+) \((?<kind>FTP|FTPS implicit)\)")]
    private static partial Regex ListeningLine();
}
