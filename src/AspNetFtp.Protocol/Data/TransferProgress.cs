namespace AspNetFtp.Protocol.Data;

/// <summary>Bytes moved by the running transfer, read by STAT while the transfer goes on.</summary>
internal sealed class TransferProgress
{
    private long _bytes;

    public TransferProgress(string description, bool isUpload)
    {
        Description = description;
        IsUpload = isUpload;
    }

    public string Description { get; }

    /// <summary>True when the data flows from the client (STOR, APPE, STOU).</summary>
    public bool IsUpload { get; }

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(long count) => Interlocked.Add(ref _bytes, count);
}
