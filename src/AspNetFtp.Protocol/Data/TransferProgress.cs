using AspNetFtp.Protocol.Transfers;

namespace AspNetFtp.Protocol.Data;

/// <summary>Bytes moved by the running transfer, read by STAT and the session registry while the transfer goes on.</summary>
internal sealed class TransferProgress
{
    private long _bytes;

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

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(long count) => Interlocked.Add(ref _bytes, count);
}
