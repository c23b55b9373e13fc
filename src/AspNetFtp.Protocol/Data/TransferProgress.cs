using AspNetFtp.Protocol.Transfers;

namespace AspNetFtp.Protocol.Data;

/// <summary>Bytes moved by the running transfer, read by STAT and the session registry while the transfer goes on.</summary>
internal sealed class TransferProgress
{
    private long _bytes;
    private long _lastData;
    private long _quietBeforeEnd;

    public TransferProgress(string description, bool isUpload, TimeSpan? stallTimeout = null)
    {
        Description = description;
        IsUpload = isUpload;
        StallTimeout = stallTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>The verb (RETR, STOR, LIST…).</summary>
    public string Description { get; }

    /// <summary>True when the data flows from the client (STOR, APPE, STOU).</summary>
    public bool IsUpload { get; }

    /// <summary>How long one write or read on the data connection may take (DataTimeout) before the transfer fails as stalled.</summary>
    public TimeSpan StallTimeout { get; }

    /// <summary>The file or directory, as the client sees it.</summary>
    public string? Path { get; init; }

    public TransferDirection Direction { get; init; }

    /// <summary>When the transfer command was accepted.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The clock that stamps the bytes as they move (see <see cref="QuietBeforeEnd"/>).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(long count)
    {
        Interlocked.Add(ref _bytes, count);
        Volatile.Write(ref _lastData, Time.GetTimestamp());
    }

    /// <summary>When the transfer started, on <see cref="Time"/>'s clock.</summary>
    public long StartTimestamp { get; init; }

    /// <summary>
    /// How long the data connection was quiet before the client closed it: from the last bytes (or the start, when
    /// none came) to the end of the stream. Zero until the end was read.
    /// </summary>
    public TimeSpan QuietBeforeEnd => TimeSpan.FromTicks(Volatile.Read(ref _quietBeforeEnd));

    /// <summary>The source stream ended: notes how long it had been quiet (see <see cref="QuietBeforeEnd"/>).</summary>
    public void EndOfData()
    {
        long last = Volatile.Read(ref _lastData);
        Volatile.Write(ref _quietBeforeEnd, Time.GetElapsedTime(last == 0 ? StartTimestamp : last).Ticks);
    }
}
