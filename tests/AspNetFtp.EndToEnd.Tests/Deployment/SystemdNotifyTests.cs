using System.Net.Sockets;
using System.Text;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>
/// Issue 12: Type=notify for real. The host runs as the main process systemd would start (PID 1 of a new PID namespace,
/// NOTIFY_SOCKET set to a datagram socket the test binds) and reports READY=1 only once it greets, STOPPING=1 at SIGTERM.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SystemdNotifyTests(ITestOutputHelper output)
{
    private const int Port = 15010;

    [RootFact]
    public async Task READY_1_arrives_only_when_the_control_port_already_greets_with_220()
    {
        await using var notify = await NotifySocket.StartAsync();
        await using var host = await StartHostAsync(notify.Path);
        try
        {
            Assert.True(await notify.WaitForAsync("READY=1", TimeSpan.FromSeconds(60)), "no READY=1 within 60 s\n" + notify.Describe());

            // When systemd hears READY=1 the listener is bound and accepting: a connection made now is not refused and
            // is greeted (2 s covers one greeting on a loaded machine, not a start-up still running).
            Assert.Equal(220, await FtpGreeting.TryReadAsync("127.0.0.1", Port, TimeSpan.FromSeconds(2)));
        }
        finally
        {
            output.WriteLine(notify.Describe());
            output.WriteLine(host.Output);
        }
    }

    [RootFact]
    public async Task SIGTERM_sends_STOPPING_1_and_the_host_exits_0()
    {
        await using var notify = await NotifySocket.StartAsync();
        await using var host = await StartHostAsync(notify.Path);
        try
        {
            Assert.True(await notify.WaitForAsync("READY=1", TimeSpan.FromSeconds(60)), "no READY=1 within 60 s");

            await host.SignalAsync("TERM");

            Assert.True(await notify.WaitForAsync("STOPPING=1", TimeSpan.FromSeconds(30)), "no STOPPING=1 within 30 s after SIGTERM");
            Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the host did not exit within 30 s after SIGTERM");
            Assert.Equal(0, host.ExitCode);
        }
        finally
        {
            output.WriteLine(notify.Describe());
            output.WriteLine(host.Output);
        }
    }

    private static async Task<NamespacedHost> StartHostAsync(string notifySocket)
    {
        string scratch = TestRun.NewDirectory("notify-host");
        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser(FtpTestServer.UserName, FtpTestServer.Password, Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName));
        Dictionary<string, string> environment = await settings.BuildEnvironmentAsync();
        environment["NOTIFY_SOCKET"] = notifySocket;
        environment["FtpServer__DataDirectory"] = scratch;
        return await NamespacedHost.StartAsync(["ftpserver", $"127.0.0.1:{Port}"], environment);
    }

    /// <summary>A unix datagram socket standing in for systemd's notify socket; records every message it receives.</summary>
    private sealed class NotifySocket : IAsyncDisposable
    {
        private readonly Socket _socket;
        private readonly List<string> _messages = [];
        private readonly Lock _lock = new();
        private readonly CancellationTokenSource _stop = new();
        private Task _receiving = Task.CompletedTask;

        private NotifySocket(Socket socket, string path)
        {
            _socket = socket;
            Path = path;
        }

        public string Path { get; }

        public static Task<NotifySocket> StartAsync()
        {
            string path = System.IO.Path.Combine(TestRun.NewDirectory("notify"), "notify.sock");
            var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            var notify = new NotifySocket(socket, path);
            notify._receiving = notify.ReceiveAsync();
            return Task.FromResult(notify);
        }

        public async Task<bool> WaitForAsync(string field, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (_lock)
                {
                    if (_messages.Exists(m => m.Split('\n').Contains(field)))
                    {
                        return true;
                    }
                }

                await Task.Delay(5);
            }

            return false;
        }

        public string Describe()
        {
            lock (_lock)
            {
                return "notify messages: " + string.Join(" | ", _messages.Select(m => m.Replace('\n', ' ')));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _receiving;
            }
            catch (OperationCanceledException)
            {
            }

            _socket.Dispose();
            _stop.Dispose();
        }

        private async Task ReceiveAsync()
        {
            byte[] buffer = new byte[4096];
            while (!_stop.IsCancellationRequested)
            {
                int received = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                lock (_lock)
                {
                    _messages.Add(Encoding.UTF8.GetString(buffer, 0, received));
                }
            }
        }
    }
}
