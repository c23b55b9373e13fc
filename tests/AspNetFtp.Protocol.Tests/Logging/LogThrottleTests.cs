using System.Net;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AspNetFtp.Protocol.Tests.Logging;

/// <summary>The throttle's own bounds: its memory and its windows.</summary>
public sealed class LogThrottleTests
{
    private static readonly EventId Event = new(13, "LoginFailed");

    [Fact]
    public void Past_the_key_cap_new_addresses_share_one_key_so_memory_stays_bounded()
    {
        var time = new FakeTimeProvider();
        using var throttle = new LogThrottle(time, limit: 1, maxKeys: 100);
        var logs = new RecordingLoggerProvider();
        ILogger logger = logs.CreateFactory().CreateLogger("test");

        int allowed = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var address = new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
            allowed += throttle.Allow(logger, Event, LogLevel.Warning, address) ? 1 : 0;
        }

        Assert.Equal(101, throttle.KeyCount);
        Assert.Equal(101, allowed);

        time.Advance(LogThrottle.DefaultWindow);

        LogRecord summary = Assert.Single(logs.Records);
        Assert.Contains("Count=9899", summary.Values);
        Assert.Contains("Remote=other addresses", summary.Values);
        Assert.Equal(0, throttle.KeyCount);
    }

    [Fact]
    public void A_key_logs_again_in_its_next_window_after_its_summary()
    {
        var time = new FakeTimeProvider();
        using var throttle = new LogThrottle(time, limit: 2, window: TimeSpan.FromSeconds(60));
        var logs = new RecordingLoggerProvider();
        ILogger logger = logs.CreateFactory().CreateLogger("test");
        IPAddress address = IPAddress.Parse("192.0.2.7");

        bool[] first = [.. Enumerable.Range(0, 5).Select(_ => throttle.Allow(logger, Event, LogLevel.Warning, address))];
        time.Advance(TimeSpan.FromSeconds(59));
        bool late = throttle.Allow(logger, Event, LogLevel.Warning, address);
        Assert.Empty(logs.Records);

        time.Advance(TimeSpan.FromSeconds(1));
        bool next = throttle.Allow(logger, Event, LogLevel.Warning, address);

        Assert.Equal([true, true, false, false, false], first);
        Assert.False(late);
        Assert.True(next);
        LogRecord summary = Assert.Single(logs.Records);
        Assert.Contains("Count=4", summary.Values);
    }
}
