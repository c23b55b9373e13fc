using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Tests.Logging;

/// <summary>
/// A logged-in client can send thousands of failing commands a second: what it causes must cost the log one short
/// line, while a storage that is really broken still reaches the operator as a warning with its exception.
/// </summary>
public sealed class StorageLogTests
{
    private const int StorageErrorEvent = 22;
    private const int StorageRefusedEvent = 24;

    [Fact]
    public async Task Refusals_the_client_causes_are_logged_at_debug_without_an_exception()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(logs: logs);
        await using RawFtpClient client = await server.LoginAsync();

        // Below the log throttle's limit per address (LogFloodTests covers what lies beyond it).
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(550, (await client.CommandAsync("DELE missing.txt")).Code);
        }

        Assert.Equal(550, (await client.CommandAsync("RMD missing-dir")).Code);

        LogRecord[] refused = [.. logs.Records.Where(r => r.EventId.Id == StorageRefusedEvent)];
        Assert.Equal(6, refused.Length);
        Assert.All(refused, r => Assert.Equal(LogLevel.Debug, r.Level));
        Assert.All(refused, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(logs.Records, r => r.EventId.Id == StorageErrorEvent);
        Assert.DoesNotContain(logs.Records, r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task An_unavailable_storage_is_logged_as_a_warning_with_its_exception()
    {
        var logs = new RecordingLoggerProvider();
        await using TestFtpServer server = await TestFtpServer.StartAsync(
            logs: logs,
            fileSystems: new FaultyFileSystemFactory(_ => new FtpFileSystemException(FtpFileSystemError.Unavailable, "volume offline")));
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal(451, (await client.CommandAsync("DELE f.txt")).Code);

        LogRecord error = Assert.Single(logs.Records, r => r.EventId.Id == StorageErrorEvent);
        Assert.Equal(LogLevel.Warning, error.Level);
        Assert.Contains("volume offline", error.Exception, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Records, r => r.EventId.Id == StorageRefusedEvent);
    }
}
