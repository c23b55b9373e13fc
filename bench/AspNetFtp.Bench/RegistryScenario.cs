using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Bench;

/// <summary>
/// The cost of listing the live sessions (<see cref="IFtpSessionRegistry.List"/>), as an admin page polling once a
/// second would: an in-process server, N connected sessions (greeted, not logged in), then the list taken
/// repeatedly; prints the median and p99 time per call and the bytes allocated per call.
/// </summary>
internal static class RegistryScenario
{
    private sealed class NoLogins : IFtpAuthenticator
    {
        public ValueTask<FtpAuthenticationResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(FtpAuthenticationResult.InvalidCredentials);
    }

    public static async Task<int> RunAsync(int sessions, int calls, int sourceCount, CancellationToken cancellationToken)
    {
        var options = new FtpServerOptions { Host = "127.0.0.1", Port = 0 };
        options.Limits.MaxConnections = sessions + 10;
        options.Limits.MaxConnectionsPerIp = sessions + 10;
        options.Timeouts.Login = TimeSpan.FromMinutes(10);
        await using var events = new FtpEventQueue([], NullLogger<FtpEventQueue>.Instance);
        await using var server = new FtpServer(Microsoft.Extensions.Options.Options.Create(options), new NoLogins(), new LocalFileSystemFactory(), events, NullLoggerFactory.Instance);
        await server.StartAsync(cancellationToken);
        var endPoint = new IPEndPoint(IPAddress.Loopback, server.Listeners[0].EndPoint.Port);
        var clients = new List<Socket>(sessions);
        try
        {
            byte[] greeting = new byte[256];
            for (int i = 0; i < sessions; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(1 + (i % sourceCount))]), 0));
                await socket.ConnectAsync(endPoint, cancellationToken);
                await socket.ReceiveAsync(greeting, SocketFlags.None, cancellationToken);
                clients.Add(socket);
            }

            IFtpSessionRegistry registry = server.Sessions;
            for (int i = 0; i < 5; i++)
            {
                _ = registry.List();
            }

            var times = new double[calls];
            long listed = 0;
            long allocated0 = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                listed += registry.List().Count;
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# registry: {sessions} sessions, {calls} calls of List(): median {times[calls / 2]:F0} µs, p99 {times[(int)(calls * 0.99)]:F0} µs, {allocated / calls / 1024.0:F0} KiB allocated per call, {listed / calls} listed per call"));
            return listed / calls == sessions ? 0 : 2;
        }
        finally
        {
            foreach (Socket socket in clients)
            {
                socket.Dispose();
            }

            await server.StopAsync(CancellationToken.None);
        }
    }
}
