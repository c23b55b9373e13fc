using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Tests.Events;

/// <summary>
/// Keeps the paths of the <see cref="FileDeleted"/> events it receives, in arrival order, and completes a wait
/// as soon as a given number has arrived (no polling). Optionally yields a number of times before recording,
/// so a delivery that did not wait for the previous one would overtake it.
/// </summary>
internal sealed class CountingSink(Func<int, int>? yieldsFor = null) : IFtpEventSink
{
    private readonly Lock _lock = new();
    private readonly List<string> _paths = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _started;

    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_lock)
            {
                return [.. _paths];
            }
        }
    }

    public async ValueTask OnEventAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
    {
        int index = Interlocked.Increment(ref _started) - 1;
        for (int i = yieldsFor?.Invoke(index) ?? 0; i > 0; i--)
        {
            await Task.Yield();
        }

        lock (_lock)
        {
            _paths.Add(((FileDeleted)ftpEvent).Path);
            foreach ((int count, TaskCompletionSource done) in _waiters)
            {
                if (_paths.Count >= count)
                {
                    done.TrySetResult();
                }
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> events have arrived.</summary>
    public Task WaitForCountAsync(int count)
    {
        lock (_lock)
        {
            if (_paths.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }
}
