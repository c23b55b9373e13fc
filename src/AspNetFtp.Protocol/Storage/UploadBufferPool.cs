namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// The block or part buffers of one object-storage profile's uploads (S3 parts, Azure blocks). Between uploads it
/// keeps at most the number given (what one upload holds: <c>UploadConcurrency + 1</c>), in one list under a lock, so
/// what a profile keeps after its uploads is one upload's buffers. <see cref="System.Buffers.ArrayPool{T}.Shared"/>
/// kept one buffer per thread that had returned one: eight 8 MiB arrays (64 MiB) stayed alive after a single 1 GiB
/// STOR. A buffer asked for beyond those is allocated, and dropped when returned to a full pool.
/// </summary>
public sealed class UploadBufferPool
{
    private readonly Lock _lock = new();
    private readonly Stack<byte[]> _free;
    private readonly int _keep;

    /// <summary>A pool that keeps at most <paramref name="keep"/> buffers between rents.</summary>
    /// <param name="keep">How many returned buffers are kept (at least 1).</param>
    public UploadBufferPool(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        _keep = keep;
        _free = new Stack<byte[]>(keep);
    }

    /// <summary>How many buffers are kept for the next upload now.</summary>
    public int Kept
    {
        get
        {
            lock (_lock)
            {
                return _free.Count;
            }
        }
    }

    /// <summary>
    /// A buffer of exactly <paramref name="length"/> bytes, its content undefined. A kept buffer of another length
    /// (blocks and parts grow for very large files) is dropped rather than kept beside the new size.
    /// </summary>
    /// <param name="length">The buffer's length in bytes.</param>
    public byte[] Rent(int length)
    {
        lock (_lock)
        {
            while (_free.TryPop(out byte[]? buffer))
            {
                if (buffer.Length == length)
                {
                    return buffer;
                }
            }
        }

        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Gives a buffer back: kept for the next rent while fewer than the limit are kept, else dropped.</summary>
    /// <param name="buffer">A buffer from <see cref="Rent"/> that nothing uses any more.</param>
    public void Return(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_lock)
        {
            if (_free.Count < _keep)
            {
                _free.Push(buffer);
            }
        }
    }
}
