using System.Diagnostics;
using System.Globalization;
using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>
/// The host as PID 1 of a new PID namespace (<c>unshare --pid --fork --mount-proc</c>, root only): what a container's
/// main process, or a systemd-started main process, looks like to the host. unshare waits for it and exits with its code.
/// </summary>
internal sealed class NamespacedHost : IAsyncDisposable
{
    private readonly Process _unshare;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private NamespacedHost(Process unshare) => _unshare = unshare;

    /// <summary>The host's process id as seen from the test (outside the namespace; inside it is 1).</summary>
    public int HostPid { get; private set; }

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

    public int ExitCode => _unshare.ExitCode;

    public static async Task<NamespacedHost> StartAsync(IEnumerable<string> hostArguments, IReadOnlyDictionary<string, string> environment)
    {
        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        var start = new ProcessStartInfo("unshare")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in (string[])["--pid", "--fork", "--mount-proc", fileName, .. prefix, .. hostArguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        var host = new NamespacedHost(new Process { StartInfo = start });
        host._unshare.OutputDataReceived += (_, e) => host.Append("out", e.Data);
        host._unshare.ErrorDataReceived += (_, e) => host.Append("err", e.Data);
        host._unshare.Start();
        host._unshare.BeginOutputReadLine();
        host._unshare.BeginErrorReadLine();
        host.HostPid = await ChildOfAsync(host._unshare.Id, TimeSpan.FromSeconds(10));
        return host;
    }

    /// <summary>True when unshare (so the host) exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _unshare.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task SignalAsync(string signal)
    {
        ProcessResult kill = await ClientRunner.RunAsync("kill", ["-" + signal, HostPid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (!kill.Succeeded)
        {
            throw new InvalidOperationException(kill.Describe());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessTermination.KillAndWaitAsync(_unshare, TimeSpan.FromSeconds(10));
        _unshare.Dispose();
    }

    private void Append(string stream, string? line)
    {
        if (line is not null)
        {
            lock (_outputLock)
            {
                _output.Append(stream).Append("| ").AppendLine(line);
            }
        }
    }

    private static async Task<int> ChildOfAsync(int pid, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        string children = $"/proc/{pid}/task/{pid}/children";
        while (DateTime.UtcNow < deadline)
        {
            string text = File.Exists(children) ? File.ReadAllText(children).Trim() : "";
            if (text.Length > 0)
            {
                return int.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"unshare (pid {pid}) started no child within {timeout.TotalSeconds} s");
    }
}
