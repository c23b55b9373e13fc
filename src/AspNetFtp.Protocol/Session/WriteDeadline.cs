namespace AspNetFtp.Protocol.Session;

/// <summary>
/// The deadline of the write in progress on a control channel, on the injected clock: armed before each
/// write, cleared after it. When a write is still pending at its deadline, <c>expired</c> runs (once per
/// such write). One timer serves every write of the session.
/// </summary>
internal sealed class WriteDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action _expired;
    private readonly ITimer _timer;
    private long _deadlineTicks;

    public WriteDeadline(TimeProvider time, Action expired)
    {
        _time = time;
        _expired = expired;
        _timer = time.CreateTimer(static s => ((WriteDeadline)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The write about to start must be done within <paramref name="limit"/>.</summary>
    public void Arm(TimeSpan limit)
    {
        Volatile.Write(ref _deadlineTicks, (_time.GetUtcNow() + limit).UtcTicks);
        _timer.Change(limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The write is done (or failed); a timer that fires later finds nothing to do.</summary>
    public void Clear() => Volatile.Write(ref _deadlineTicks, 0);

    private void OnTimer()
    {
        long deadline = Volatile.Read(ref _deadlineTicks);
        if (deadline == 0)
        {
            return;
        }

        long now = _time.GetUtcNow().UtcTicks;
        if (now < deadline)
        {
            // Armed again by a later write: wait for that one's deadline.
            try
            {
                _timer.Change(TimeSpan.FromTicks(deadline - now), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The session ended meanwhile.
            }

            return;
        }

        if (Interlocked.CompareExchange(ref _deadlineTicks, 0, deadline) == deadline)
        {
            _expired();
        }
    }

    public void Dispose()
    {
        Clear();
        _timer.Dispose();
    }
}
