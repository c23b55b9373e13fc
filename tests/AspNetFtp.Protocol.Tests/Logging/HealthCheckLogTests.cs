using System.Diagnostics;
using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Tests.Logging;

/// <summary>
/// A balancer's health check connects every second or two and closes, with QUIT or without a command, or (a plain TCP
/// check in front of a PROXY-protocol listener) before a byte: its lines stay at Debug, while a session that sends a
/// command keeps its "Session started" and "Session ended" at Information. A check that comes as the balancer itself
/// (a PROXY header naming no client) publishes no connection events unless it sends a command other than QUIT.
/// </summary>
public sealed class HealthCheckLogTests
{
    private const int SessionStartedEvent = 10;
    private const int SessionEndedEvent = 11;
    private const int ConnectionAcceptedEvent = 68;
    private const int ClosedWithoutCommandEvent = 69;
    private const int ClosedBeforePreambleEvent = 70;
    private const int ConnectionRefusedEvent = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_connection_closed_after_the_greeting_without_a_command_logs_only_at_debug()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(logs: logs);
        await using (RawFtpClient check = await server.ConnectAsync())
        {
        }

        await WaitForEventAsync(logs, ClosedWithoutCommandEvent);

        Assert.DoesNotContain(logs.Records, r => r.EventId.Id is SessionStartedEvent or SessionEndedEvent);
        Assert.All(logs.Records.Where(r => r.EventId.Id is ConnectionAcceptedEvent or ClosedWithoutCommandEvent), r => Assert.Equal(LogLevel.Debug, r.Level));
    }

    [Fact]
    public async Task A_check_that_says_only_quit_logs_only_at_debug()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(logs: logs);
        await using (RawFtpClient check = await server.ConnectAsync())
        {
            Assert.Equal(221, (await check.CommandAsync("QUIT")).Code);
        }

        await WaitForEventAsync(logs, ClosedWithoutCommandEvent);

        Assert.DoesNotContain(logs.Records, r => r.EventId.Id is SessionStartedEvent or SessionEndedEvent);
    }

    [Fact]
    public async Task A_session_that_sends_a_command_logs_its_start_and_end_at_information()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(logs: logs);
        await using (RawFtpClient client = await server.ConnectAsync())
        {
            Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        await WaitForEventAsync(logs, SessionEndedEvent);

        Assert.Equal(
            [(SessionStartedEvent, LogLevel.Information), (SessionEndedEvent, LogLevel.Information)],
            logs.Records.Where(r => r.EventId.Id is SessionStartedEvent or SessionEndedEvent).Select(r => (r.EventId.Id, r.Level)));
        Assert.DoesNotContain(logs.Records, r => r.EventId.Id == ClosedWithoutCommandEvent);
    }

    [Fact]
    public async Task A_trusted_proxy_that_closes_before_a_byte_is_logged_at_debug_not_as_a_refusal()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartBehindProxyAsync(logs);
        await using (RawFtpClient check = await RawFtpClient.ConnectAsync(server.EndPoint, IPAddress.Loopback))
        {
        }

        LogRecord closed = await WaitForEventAsync(logs, ClosedBeforePreambleEvent);

        Assert.Equal(LogLevel.Debug, closed.Level);
        Assert.DoesNotContain(logs.Records, r => r.EventId.Id == ConnectionRefusedEvent);
    }

    [Fact]
    public async Task A_trusted_proxys_checks_without_a_byte_or_without_a_command_are_never_scored_by_the_defender()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartBehindProxyAsync(logs, o =>
        {
            o.Defender.Enabled = true;
            o.Defender.Threshold = 1;
        });
        await using (RawFtpClient silent = await RawFtpClient.ConnectAsync(server.EndPoint, IPAddress.Loopback))
        {
        }

        await WaitForEventAsync(logs, ClosedBeforePreambleEvent);
        await using (RawFtpClient headerOnly = await ConnectThroughBalancerAsync(server, ProxyHeaders.V2Local()))
        {
        }

        // The score of a connection without a login would be published before the connection's last log line.
        await WaitForEventAsync(logs, ClosedWithoutCommandEvent);

        Assert.DoesNotContain(server.Events.Events, e => e is AddressScored);
        Assert.False(server.Defender.IsBanned(IPAddress.Loopback));
    }

    [Fact]
    public async Task A_balancers_own_check_that_says_only_quit_publishes_no_connection_events()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartBehindProxyAsync(logs);
        await using (RawFtpClient check = await ConnectThroughBalancerAsync(server, ProxyHeaders.V2Local()))
        {
            Assert.Equal(221, (await check.CommandAsync("QUIT")).Code);
        }

        // The connection's last log line comes after the point where its ClientDisconnected would be published.
        await WaitForEventAsync(logs, ClosedWithoutCommandEvent);

        Assert.DoesNotContain(server.Events.Events, e => e is ClientConnected or ClientDisconnected);
    }

    [Fact]
    public async Task A_balancers_own_connection_that_sends_a_command_publishes_its_connection_events()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartBehindProxyAsync(logs);
        await using (RawFtpClient client = await ConnectThroughBalancerAsync(server, ProxyHeaders.V2Local()))
        {
            Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        Assert.Equal([typeof(ClientConnected), typeof(ClientDisconnected)], await ConnectionEventsAsync(server));
    }

    [Fact]
    public async Task A_client_behind_the_balancer_that_says_only_quit_still_publishes_its_connection_events()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await StartBehindProxyAsync(logs);
        var source = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000);
        await using (RawFtpClient client = await ConnectThroughBalancerAsync(server, ProxyHeaders.V2(source, server.EndPoint)))
        {
            Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
        }

        Assert.Equal([typeof(ClientConnected), typeof(ClientDisconnected)], await ConnectionEventsAsync(server));
    }

    /// <summary>A connection from 127.0.0.1, the trusted balancer, that sends <paramref name="header"/> and reads the 220.</summary>
    private static async Task<RawFtpClient> ConnectThroughBalancerAsync(TestFtpServer server, byte[] header)
    {
        RawFtpClient client = await RawFtpClient.ConnectAsync(server.EndPoint, IPAddress.Loopback);
        await client.SendRawAsync(header);
        Assert.Equal(220, (await client.ReadReplyAsync()).Code);
        return client;
    }

    /// <summary>The kinds of the connection events, in order, once a <see cref="ClientDisconnected"/> was published.</summary>
    private static async Task<Type[]> ConnectionEventsAsync(TestFtpServer server)
    {
        IReadOnlyList<FtpEvent> events = await server.Events.WaitForAsync(all => all.Any(e => e is ClientDisconnected));
        return [.. events.Where(e => e is ClientConnected or ClientDisconnected).Select(e => e.GetType())];
    }

    private static Task<TestFtpServer> StartBehindProxyAsync(RecordingLoggerProvider logs, Action<FtpServerOptions>? configure = null) =>
        TestFtpServer.StartAsync(logs: logs, configure: o =>
        {
            o.ProxyProtocol.Enabled = true;
            o.ProxyProtocol.TrustedProxies = ["127.0.0.1/32"];
            configure?.Invoke(o);
        });

    private static async Task<LogRecord> WaitForEventAsync(RecordingLoggerProvider logs, int eventId)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            if (logs.Records.FirstOrDefault(r => r.EventId.Id == eventId) is { } record)
            {
                return record;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no log event {eventId} within {Deadline}; logged: {string.Join(" | ", logs.Records.Select(r => r.EventId.Id + " " + r.Message))}");
    }
}
