using Microsoft.Extensions.Time.Testing;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when the server has created a timer and how many timer
/// callbacks have run, so a test advances the clock only once the server waits on it (no real-time sleeps).
/// </summary>
internal sealed class ObservableTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _inner = new();
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _created = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Signal)> _waiters = [];
    private int _callbacks;

    /// <summary>Timer callbacks run so far (the fake clock runs them inside <see cref="Advance"/>).</summary>
    public int CallbacksRun => Volatile.Read(ref _callbacks);

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public void Advance(TimeSpan delta) => _inner.Advance(delta);

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = _inner.CreateTimer(s =>
        {
            Interlocked.Increment(ref _callbacks);
            callback(s);
        }, state, dueTime, period);
        lock (_lock)
        {
            _created.Add(dueTime);
            foreach ((TimeSpan due, TaskCompletionSource signal) in _waiters.Where(w => w.DueTime == dueTime))
            {
                signal.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes once a timer due after <paramref name="dueTime"/> has been created (or already was).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_created.Contains(dueTime))
            {
                return;
            }

            _waiters.Add((dueTime, signal));
        }

        try
        {
            await signal.Task.WaitAsync(RawFtpClient.Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server created no timer due after {dueTime} within {RawFtpClient.Timeout.TotalSeconds} s.");
        }
    }
}
