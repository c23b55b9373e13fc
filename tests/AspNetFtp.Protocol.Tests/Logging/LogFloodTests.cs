using System.Net;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AspNetFtp.Protocol.Tests.Logging;

/// <summary>
/// Any client can repeat a failing command or a wrong password as fast as the network carries it: what it causes
/// reaches the log as one short line, at most <see cref="LogThrottle.DefaultLimit"/> of them per window and address,
/// then one summary; only a fault of the server itself is logged with its stack.
/// </summary>
public sealed class LogFloodTests
{
    private const int LoginFailedEvent = 13;
    private const int CommandFailedEvent = 18;
    private const int SuppressedEvent = 25;

    [Fact]
    public async Task A_thousand_failed_mkd_of_an_existing_directory_log_no_stack_and_no_warning()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(logs: logs);
        Directory.CreateDirectory(Path.Combine(server.Home.Path, "existing"));
        await using RawFtpClient client = await server.LoginAsync();

        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(550, (await client.CommandAsync("MKD existing")).Code);
        }

        Assert.DoesNotContain(logs.Records, r => r.Exception is not null);
        Assert.DoesNotContain(logs.Records, r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_hundred_failed_logins_from_one_address_log_the_limit_then_one_summary_of_the_rest_after_the_window()
    {
        var logs = new RecordingLoggerProvider();
        var time = new FakeTimeProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(
            logs: logs, time: time, configure: o => o.Limits.MaxLoginFailures = 1000);
        await using RawFtpClient client = await server.ConnectAsync();

        await FailLoginsAsync(client, 100);

        Assert.Equal(LogThrottle.DefaultLimit, logs.Records.Count(r => r.EventId.Id == LoginFailedEvent));
        Assert.DoesNotContain(logs.Records, r => r.EventId.Id == SuppressedEvent);

        time.Advance(LogThrottle.DefaultWindow);

        LogRecord summary = Assert.Single(logs.Records, r => r.EventId.Id == SuppressedEvent);
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.Contains("Count=90", summary.Values);
        Assert.Contains("Remote=127.0.0.1", summary.Values);
        Assert.Equal(LogThrottle.DefaultLimit, logs.Records.Count(r => r.EventId.Id == LoginFailedEvent));
    }

    [Fact]
    public async Task Failed_logins_from_another_address_are_not_throttled_by_the_first()
    {
        var logs = new RecordingLoggerProvider();
        var time = new FakeTimeProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(
            logs: logs, time: time, configure: o => o.Limits.MaxLoginFailures = 1000);
        await using RawFtpClient first = await server.ConnectAsync();
        await using RawFtpClient second = await server.ConnectAsync(IPAddress.Parse("127.0.0.2"));

        await FailLoginsAsync(first, 50);
        await FailLoginsAsync(second, 3);

        LogRecord[] fromSecond = [.. logs.Records.Where(r => r.EventId.Id == LoginFailedEvent && r.Values.Any(v => v.StartsWith("RemoteEndPoint=127.0.0.2:", StringComparison.Ordinal)))];
        Assert.Equal(3, fromSecond.Length);
    }

    [Fact]
    public async Task A_file_system_throwing_an_unexpected_exception_is_logged_once_with_its_stack()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(
            logs: logs,
            fileSystems: new FaultyFileSystemFactory(_ => new InvalidOperationException("storage driver bug")));
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(451, (await client.CommandAsync("DELE f.txt")).Code);

        LogRecord fault = Assert.Single(logs.Records, r => r.EventId.Id == CommandFailedEvent);
        Assert.Equal(LogLevel.Error, fault.Level);
        Assert.StartsWith("System.InvalidOperationException: storage driver bug", fault.Exception, StringComparison.Ordinal);
        Assert.Contains(" at ", fault.Exception, StringComparison.Ordinal);
    }

    private static async Task FailLoginsAsync(RawFtpClient client, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(331, (await client.CommandAsync("USER " + TestAuthenticator.UserName)).Code);
            Assert.Equal(530, (await client.CommandAsync("PASS wrong")).Code);
        }
    }
}
