using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace AspNetFtp.Testing;

/// <summary>
/// <c>haproxy -db -f CFG</c> (Debian's, in the foreground) under <c>timeout</c>, started on a configuration the test
/// wrote and ready once its frontend port accepts. Everything it prints is kept in <see cref="Output"/> (and written
/// to the test's output when one is given); killed when disposed.
/// </summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    private static readonly TimeSpan ListenWait = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly ITestOutputHelper? _log;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();

    private HaproxyProcess(Process process, ITestOutputHelper? log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>
    /// The haproxy program's path, from PATH or the sbin directories Debian installs it in (a user's PATH may lack
    /// them); null when it is not installed.
    /// </summary>
    public static string? Installed { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"])
            .Select(d => Path.Combine(d, "haproxy"))
            .FirstOrDefault(File.Exists);

    /// <summary>What haproxy printed so far, each line prefixed with its stream (<c>out|</c>, <c>err|</c>).</summary>
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
    /// Starts HAProxy on <paramref name="configuration"/> for at most <paramref name="lifetime"/> and waits (20 s at
    /// most) until <paramref name="frontendPort"/> on 127.0.0.1 accepts; a missing program, an early exit or no
    /// listener by then fails with what haproxy printed.
    /// </summary>
    public static async Task<HaproxyProcess> StartAsync(string configuration, int frontendPort, TimeSpan lifetime, ITestOutputHelper? log = null)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string seconds = ((int)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        foreach (string argument in (string[])[seconds, Installed ?? "haproxy", "-db", "-f", configuration])
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var haproxy = new HaproxyProcess(process, log);
        process.OutputDataReceived += (_, e) => haproxy.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => haproxy.OnLine("err", e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await haproxy.WaitListeningAsync(frontendPort);
            return haproxy;
        }
        catch
        {
            await haproxy.DisposeAsync();
            throw;
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
            // It exited between the check and the kill.
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _log?.WriteLine("haproxy: still running 10 s after the kill");
        }

        _process.Dispose();
    }

    private async Task WaitListeningAsync(int frontendPort)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"haproxy exited with code {_process.ExitCode} before listening on {frontendPort}:\n{Output}");
            }

            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, frontendPort), attempt.Token);
                return;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                if (clock.Elapsed > ListenWait)
                {
                    throw new TimeoutException($"haproxy did not listen on 127.0.0.1:{frontendPort} within {ListenWait.TotalSeconds:0} s:\n{Output}");
                }

                await Task.Delay(50);
            }
        }
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

        if (_log is not null)
        {
            try
            {
                _log.WriteLine("haproxy: " + line);
            }
            catch (InvalidOperationException)
            {
                // The test has ended.
            }
        }
    }
}
