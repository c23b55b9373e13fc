using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AspNetFtp.Protocol.Tests.Events;

public sealed class FtpEventQueueTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    internal static FtpEventQueue Create(IEnumerable<IFtpEventSink> sinks, int capacity = 10_000, int drainSeconds = 5, TimeProvider? time = null) =>
        new(sinks, NullLogger<FtpEventQueue>.Instance,
            Options.Create(new FtpServerOptions { Limits = { EventQueueCapacity = capacity }, Timeouts = { EventDrain = TimeSpan.FromSeconds(drainSeconds) } }), time: time);

    [Fact]
    public async Task Events_reach_every_sink_in_publish_order()
    {
        var first = new RecordingEventSink();
        var second = new RecordingEventSink();
        await using (var queue = new FtpEventQueue([first, second], NullLogger<FtpEventQueue>.Instance))
        {
            queue.Publish(new FileDeleted(T, "/a"));
            queue.Publish(new FileDeleted(T, "/b"));
        }

        Assert.Equal(["/a", "/b"], first.Events.Cast<FileDeleted>().Select(e => e.Path));
        Assert.Equal(["/a", "/b"], second.Events.Cast<FileDeleted>().Select(e => e.Path));
    }

    [Fact]
    public async Task Events_arrive_in_publish_order_at_each_sink_even_when_a_sink_yields_between_them()
    {
        const int count = 500;
        var yielding = new CountingSink(yieldsFor: i => (count - i) % 7);
        var plain = new CountingSink();
        await using (FtpEventQueue queue = Create([yielding, plain]))
        {
            for (int i = 0; i < count; i++)
            {
                queue.Publish(new FileDeleted(T, "/" + i));
            }

            await yielding.WaitForCountAsync(count).WaitAsync(Patience);
            await plain.WaitForCountAsync(count).WaitAsync(Patience);
        }

        string[] expected = [.. Enumerable.Range(0, count).Select(i => "/" + i)];
        Assert.Equal(expected, yielding.Paths);
        Assert.Equal(expected, plain.Paths);
    }

    [Fact]
    public async Task A_slow_sink_does_not_delay_another_sinks_delivery()
    {
        var slow = new BlockingSink();
        var fast = new CountingSink();
        FtpEventQueue queue = Create([slow, fast]);
        try
        {
            queue.Publish(new FileDeleted(T, "/a"));
            await slow.Entered.Task.WaitAsync(Patience);
            queue.Publish(new FileDeleted(T, "/b"));

            await fast.WaitForCountAsync(2).WaitAsync(Patience);

            Assert.Equal(["/a", "/b"], fast.Paths);
            Assert.False(slow.Release.Task.IsCompleted);
        }
        finally
        {
            slow.Release.SetResult();
            await queue.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_full_queue_drops_new_events_and_counts_them_without_blocking()
    {
        var gate = new BlockingSink();
        FtpEventQueue queue = Create([gate], capacity: 2);
        try
        {
            queue.Publish(new FileDeleted(T, "/held"));
            await gate.Entered.Task.WaitAsync(Patience);
            for (int i = 0; i < 5; i++)
            {
                queue.Publish(new FileDeleted(T, "/" + i));
            }

            Assert.Equal(3, queue.Dropped);
        }
        finally
        {
            gate.Release.SetResult();
            await queue.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_full_queue_of_one_sink_drops_and_counts_only_for_that_sink()
    {
        var slow = new BlockingSink();
        var fast = new CountingSink();
        FtpEventQueue queue = Create([slow, fast], capacity: 2);
        try
        {
            queue.Publish(new FileDeleted(T, "/held"));
            await slow.Entered.Task.WaitAsync(Patience);
            await fast.WaitForCountAsync(1).WaitAsync(Patience);
            for (int i = 0; i < 5; i++)
            {
                // One at a time, so the fast sink's own queue never fills.
                queue.Publish(new FileDeleted(T, "/" + i));
                await fast.WaitForCountAsync(i + 2).WaitAsync(Patience);
            }

            Assert.Equal(3, queue.DroppedFor(slow));
            Assert.Equal(0, queue.DroppedFor(fast));
            Assert.Equal(3, queue.Dropped);
            Assert.Equal(["/held", "/0", "/1", "/2", "/3", "/4"], fast.Paths);
        }
        finally
        {
            slow.Release.SetResult();
            await queue.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_sink_token_is_cancelled_on_stop_once_the_drain_time_has_passed()
    {
        var time = new FakeTimeProvider(T);
        var stuck = new TokenWatchingSink();
        FtpEventQueue queue = Create([stuck], drainSeconds: 5, time: time);
        queue.Publish(new FileDeleted(T, "/a"));
        CancellationToken token = await stuck.Entered.Task.WaitAsync(Patience);

        Task stop = queue.DisposeAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(token.IsCancellationRequested, "cancelled before the drain time");
        Assert.False(stop.IsCompleted);

        time.Advance(TimeSpan.FromTicks(1));
        await stuck.Cancelled.Task.WaitAsync(Patience);
        await stop.WaitAsync(Patience);
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task Without_sinks_publishing_does_nothing()
    {
        await using var queue = new FtpEventQueue([], NullLogger<FtpEventQueue>.Instance);

        queue.Publish(new FileDeleted(T, "/a"));

        Assert.False(queue.HasSinks);
        Assert.Equal(0, queue.Dropped);
    }

    [Fact]
    public async Task A_failing_sink_does_not_stop_delivery()
    {
        var recorder = new RecordingEventSink();
        await using (var queue = new FtpEventQueue([new ThrowingSink(), recorder], NullLogger<FtpEventQueue>.Instance))
        {
            queue.Publish(new FileDeleted(T, "/a"));
            queue.Publish(new FileDeleted(T, "/b"));
        }

        Assert.Equal(2, recorder.Events.Count);
    }

    private sealed class ThrowingSink : IFtpEventSink
    {
        public ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("sink failure");
    }

    /// <summary>Holds its first event until <see cref="Release"/> is set.</summary>
    internal sealed class BlockingSink : IFtpEventSink
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
        }
    }

    /// <summary>Waits on its token alone, and reports when it is cancelled.</summary>
    private sealed class TokenWatchingSink : IFtpEventSink
    {
        public TaskCompletionSource<CancellationToken> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
        {
            Entered.TrySetResult(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult();
            }
        }
    }
}
