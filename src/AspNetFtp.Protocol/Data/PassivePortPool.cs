namespace AspNetFtp.Protocol.Data;

/// <summary>
/// Hands out passive ports from the configured ranges without collisions between sessions; with no
/// ranges every listener takes a free port from the kernel (port 0).
/// </summary>
public sealed class PassivePortPool
{
    private readonly PortRanges? _ranges;
    private readonly HashSet<int> _inUse = [];
    private readonly Lock _lock = new();
    private int _cursor;
    private int _rented;

    /// <summary>A pool over <paramref name="ranges"/>; null lets the kernel choose every passive port.</summary>
    public PassivePortPool(PortRanges? ranges)
    {
        _ranges = ranges;
        if (ranges is not null)
        {
            _cursor = Random.Shared.Next(ranges.Count);
        }
    }

    /// <summary>True when no ranges are configured and the kernel chooses each port.</summary>
    public bool UsesEphemeralPorts => _ranges is null;

    /// <summary>Ports currently handed out.</summary>
    public int InUseCount
    {
        get
        {
            lock (_lock)
            {
                return _inUse.Count;
            }
        }
    }

    /// <summary>
    /// Ports handed out and not yet returned, ephemeral ones (port 0) included: the passive listeners open now.
    /// Read without a lock (the metrics gauge reads it).
    /// </summary>
    public int RentedCount => Volatile.Read(ref _rented);

    /// <summary>Reserves the next free port, or returns false when every port is taken. Port 0 means "any".</summary>
    public bool TryRent(out int port)
    {
        if (_ranges is null)
        {
            port = 0;
            Interlocked.Increment(ref _rented);
            return true;
        }

        lock (_lock)
        {
            for (int i = 0; i < _ranges.Count; i++)
            {
                int candidate = _ranges.PortAt(_cursor);
                _cursor = (_cursor + 1) % _ranges.Count;
                if (_inUse.Add(candidate))
                {
                    Interlocked.Increment(ref _rented);
                    port = candidate;
                    return true;
                }
            }
        }

        port = 0;
        return false;
    }

    /// <summary>Gives back a port from <see cref="TryRent"/> (port 0 too, when the pool hands out ephemeral ports); once per rent.</summary>
    public void Return(int port)
    {
        if (_ranges is null)
        {
            Interlocked.Decrement(ref _rented);
            return;
        }

        lock (_lock)
        {
            if (_inUse.Remove(port))
            {
                Interlocked.Decrement(ref _rented);
            }
        }
    }
}
