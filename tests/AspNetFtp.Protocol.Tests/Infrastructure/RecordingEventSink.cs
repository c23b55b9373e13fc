using System.Collections.Concurrent;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>Keeps every event it receives, in order; events arrive asynchronously, so tests poll with a deadline.</summary>
internal sealed class RecordingEventSink : IFtpEventSink
{
    private readonly ConcurrentQueue<FtpEvent> _events = new();

    public IReadOnlyList<FtpEvent> Events => [.. _events];

    /// <summary>Forgets the events seen so far (a long fuzz run measures the server's memory without them).</summary>
    public void Clear() => _events.Clear();

    public ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(ftpEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>Polls until the condition holds or the deadline passes, and returns the events seen by then.</summary>
    public async Task<IReadOnlyList<FtpEvent>> WaitForAsync(Func<IReadOnlyList<FtpEvent>, bool> condition, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            IReadOnlyList<FtpEvent> snapshot = Events;
            if (condition(snapshot) || DateTime.UtcNow > deadline)
            {
                return snapshot;
            }

            await Task.Delay(20);
        }
    }
}
