using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>
/// <c>haproxy -db -f CFG</c> (Debian's, in the foreground) under <c>timeout</c>, its log (the cfg logs to stdout)
/// kept in <see cref="Output"/>; killed when disposed.
/// </summary>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();

    private HaproxyProcess(Process process) => _process = process;

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

    public bool HasExited() => _process.HasExited;

    /// <summary>
    /// The haproxy program, from PATH or the sbin directories Debian installs it in (a user's PATH may lack them);
    /// scripts/test.sh installs it, so a missing one fails the test rather than skipping it.
    /// </summary>
    public static string Program { get; } =
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"])
            .Select(d => Path.Combine(d, "haproxy"))
            .FirstOrDefault(File.Exists) ?? "haproxy";

    /// <summary>Starts HAProxy on <paramref name="configuration"/> and waits (bounded) until <paramref name="frontendPort"/> accepts.</summary>
    public static async Task<HaproxyProcess> StartAsync(string configuration, int frontendPort, TimeSpan lifetime)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[((int)lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), Program, "-db", "-f", configuration])
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var haproxy = new HaproxyProcess(process);
        process.OutputDataReceived += (_, e) => haproxy.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => haproxy.OnLine("err", e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", frontendPort);
                return haproxy;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException ex)
            {
                await haproxy.DisposeAsync();
                throw new InvalidOperationException($"HAProxy did not listen on {frontendPort}: {ex.Message}\n{haproxy.Output}", ex);
            }
        }
    }

    /// <summary>Polls <see cref="Output"/> until it contains <paramref name="text"/>; false at the deadline.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
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
        catch (OperationCanceledException)
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
    }
}
