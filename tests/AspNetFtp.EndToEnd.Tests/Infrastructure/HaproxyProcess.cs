using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// HAProxy in TCP mode on 127.0.0.1 in front of one FTP control port, sending a PROXY v2 header to it
/// (<c>send-proxy-v2</c>); runs in the foreground under <c>timeout</c>, killed on dispose.
/// </summary>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    /// <summary>The ports this suite's HAProxy may listen on (the range set aside for the PROXY protocol tests).</summary>
    private const int FirstPort = 14100;
    private const int LastPort = 14199;

    private readonly Process _process;
    private readonly ITestOutputHelper _log;

    private HaproxyProcess(Process process, int port, ITestOutputHelper log)
    {
        _process = process;
        Port = port;
        _log = log;
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    public static async Task<HaproxyProcess> StartAsync(int backendPort, string directory, ITestOutputHelper log)
    {
        int port = FreePort();
        string config = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            global
                maxconn 100
            defaults
                mode tcp
                timeout connect 5s
                timeout client 60s
                timeout server 60s
            frontend ftp
                bind 127.0.0.1:{port}
                default_backend ftp
            backend ftp
                server ftp1 127.0.0.1:{backendPort} send-proxy-v2

            """));
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["300", HaproxyFactAttribute.Program!, "-db", "-f", config])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var haproxy = new HaproxyProcess(process, port, log);
        try
        {
            await haproxy.WaitListeningAsync(TimeSpan.FromSeconds(20));
            return haproxy;
        }
        catch
        {
            await haproxy.DisposeAsync();
            throw;
        }
    }

    private static void Write(ITestOutputHelper log, string? line)
    {
        if (line is not null)
        {
            try
            {
                log.WriteLine("haproxy: " + line);
            }
            catch (InvalidOperationException)
            {
                // The test has ended.
            }
        }
    }

    private static int FreePort()
    {
        for (int port = FirstPort; port <= LastPort; port++)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException($"no free port between {FirstPort} and {LastPort} for haproxy");
    }

    private async Task WaitListeningAsync(TimeSpan wait)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"haproxy exited with code {_process.ExitCode} before listening");
            }

            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cts.Token);
                return;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"haproxy did not listen on 127.0.0.1:{Port} within {wait}");
                }

                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            _log.WriteLine("haproxy: " + e.Message);
        }

        _process.Dispose();
    }
}
