using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Protocol.Tests.Events;

public sealed class FtpEventQueueTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

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

    [Fact]
    public async Task A_full_queue_drops_new_events_and_counts_them_without_blocking()
    {
        var gate = new BlockingSink();
        var queue = new FtpEventQueue([gate], NullLogger<FtpEventQueue>.Instance, capacity: 2);
        try
        {
            queue.Publish(new FileDeleted(T, "/held"));
            await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
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
    public async Task Without_sinks_publishing_does_nothing()
    {
        await using var queue = new FtpEventQueue([], NullLogger<FtpEventQueue>.Instance);

        queue.Publish(new FileDeleted(T, "/a"));

        Assert.False(queue.HasSinks);
        Assert.Equal(0, queue.Dropped);
    }

    private sealed class ThrowingSink : IFtpEventSink
    {
        public ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("sink failure");
    }

    private sealed class BlockingSink : IFtpEventSink
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
        }
    }
}
