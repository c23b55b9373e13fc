using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Logging;

/// <summary>
/// Caps the log lines a remote client can cause: per (event id, client address) at most <see cref="Limit"/>
/// lines in each <see cref="Window"/>; the rest are counted, and once the window is over one summary line
/// tells how many were left out. The table holds at most <see cref="MaxKeys"/> keys; past that, new addresses
/// share one key per event ("other addresses"), so a client with many addresses costs bounded memory too.
/// A key's lock is taken only by log calls for that same event and address.
/// </summary>
internal sealed class LogThrottle : IDisposable
{
    /// <summary>Lines per event and address in one window (the rest are counted and summed up).</summary>
    public const int DefaultLimit = 10;

    /// <summary>Keys kept at most (about 100 bytes each).</summary>
    public const int DefaultMaxKeys = 10_000;

    /// <summary>The window a limit counts over.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly int _ipv6PrefixLength;
    private readonly ITimer _sweep;
    private readonly TimeSpan _sweepPeriod;
    private int _count;
    private int _sweepArmed;

    /// <param name="time">The clock of the windows.</param>
    /// <param name="ipv6PrefixLength">IPv6 clients are keyed by this prefix, as the connection limits count them.</param>
    /// <param name="limit">Lines per key and window.</param>
    /// <param name="window">The window; while keys are held, the summaries of ended windows are written every half window.</param>
    /// <param name="maxKeys">Keys kept at most before new addresses share one key per event.</param>
    public LogThrottle(TimeProvider time, int ipv6PrefixLength = 64, int limit = DefaultLimit, TimeSpan? window = null, int maxKeys = DefaultMaxKeys)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxKeys);
        _time = time;
        _ipv6PrefixLength = ipv6PrefixLength;
        Limit = limit;
        MaxKeys = maxKeys;
        Window = window ?? DefaultWindow;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Window, TimeSpan.Zero, nameof(window));
        _windowTicks = (long)(Window.TotalSeconds * time.TimestampFrequency);
        _sweepPeriod = Window / 2;
        _sweep = time.CreateTimer(static state => ((LogThrottle)state!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Limit { get; }

    public TimeSpan Window { get; }

    public int MaxKeys { get; }

    /// <summary>Keys held now (for tests).</summary>
    public int KeyCount => Volatile.Read(ref _count);

    /// <summary>
    /// Whether the line of <paramref name="eventId"/> caused by <paramref name="address"/> may be written. When the
    /// key's previous window had lines left out, its summary is written first to <paramref name="logger"/> at
    /// <paramref name="level"/>.
    /// </summary>
    public bool Allow(ILogger logger, EventId eventId, LogLevel level, IPAddress? address)
    {
        long now = _time.GetTimestamp();
        IPAddress? keyAddress = address is null ? null : Server.ConnectionLimitKey.For(address, _ipv6PrefixLength);
        while (true)
        {
            Entry entry = Find(new Key(eventId.Id, keyAddress), eventId.Name, level, logger, now);
            long suppressed = 0;
            bool allowed;
            bool retired;
            lock (entry)
            {
                retired = entry.Retired;
                if (retired)
                {
                    allowed = false;
                }
                else
                {
                    (allowed, suppressed) = Count(entry, now);
                }
            }

            if (retired)
            {
                // The sweep is dropping this key: finish its removal, so the next look creates a fresh one.
                Remove(entry);
                continue;
            }

            if (suppressed > 0)
            {
                Summarize(entry, suppressed);
            }

            return allowed;
        }
    }

    public void Dispose() => _sweep.Dispose();

    /// <summary>Counts one line against the entry (its lock held): whether it may be written, and what an ended window left out.</summary>
    private (bool Allowed, long Suppressed) Count(Entry entry, long now)
    {
        long suppressed = 0;

        if (now - entry.WindowStart >= _windowTicks)
        {
            suppressed = entry.Suppressed;
            entry.WindowStart = now;
            entry.Logged = 0;
            entry.Suppressed = 0;
        }

        if (entry.Logged < Limit)
        {
            entry.Logged++;
            return (true, suppressed);
        }

        entry.Suppressed++;
        return (false, suppressed);
    }

    private void Remove(Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<Key, Entry>(entry.Key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private Entry Find(Key key, string? eventName, LogLevel level, ILogger logger, long now)
    {
        if (_entries.TryGetValue(key, out Entry? entry))
        {
            return entry;
        }

        if (Volatile.Read(ref _count) >= MaxKeys && key.Address is not null)
        {
            return Find(key with { Address = null }, eventName, level, logger, now);
        }

        var created = new Entry(key, eventName, level, logger, now);
        entry = _entries.GetOrAdd(key, created);
        if (ReferenceEquals(entry, created))
        {
            Interlocked.Increment(ref _count);
            ArmSweep();
        }

        return entry;
    }

    /// <summary>Writes the summaries of ended windows and drops their keys, so idle addresses cost nothing.</summary>
    private void Sweep()
    {
        long now = _time.GetTimestamp();
        foreach (KeyValuePair<Key, Entry> pair in _entries)
        {
            Entry entry = pair.Value;
            long suppressed;
            lock (entry)
            {
                if (now - entry.WindowStart < _windowTicks)
                {
                    continue;
                }

                entry.Retired = true;
                suppressed = entry.Suppressed;
            }

            Remove(entry);

            if (suppressed > 0)
            {
                Summarize(entry, suppressed);
            }
        }

        // Clear the mark before looking: a key added after the look arms the timer itself.
        Volatile.Write(ref _sweepArmed, 0);
        if (!_entries.IsEmpty)
        {
            ArmSweep();
        }
    }

    /// <summary>The sweep runs only while keys are held, so an idle server runs no timer for it.</summary>
    private void ArmSweep()
    {
        if (Interlocked.Exchange(ref _sweepArmed, 1) == 0)
        {
            _sweep.Change(_sweepPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private void Summarize(Entry entry, long suppressed) =>
        FtpLog.Suppressed(entry.Logger, entry.Level, suppressed, entry.EventName, entry.Key.Address?.ToString() ?? "other addresses", Limit, Window.TotalSeconds);

    private readonly record struct Key(int EventId, IPAddress? Address);

    private sealed class Entry(Key key, string? eventName, LogLevel level, ILogger logger, long windowStart)
    {
        public Key Key { get; } = key;
        public string EventName { get; } = eventName ?? key.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        public ILogger Logger { get; } = logger;
        public LogLevel Level { get; } = level;
        public long WindowStart { get; set; } = windowStart;
        public int Logged { get; set; }
        public long Suppressed { get; set; }
        public bool Retired { get; set; }
    }
}
