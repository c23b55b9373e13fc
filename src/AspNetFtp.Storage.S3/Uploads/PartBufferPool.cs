namespace AspNetFtp.Storage.S3.Uploads;

/// <summary>
/// The part buffers of one S3 profile's uploads. Between uploads it keeps at most <c>UploadConcurrency + 1</c> of
/// them (what one upload holds), in one list under a lock, so what a profile keeps after its uploads is one upload's
/// parts. <see cref="System.Buffers.ArrayPool{T}.Shared"/> kept one part per thread that had returned one: eight
/// 8 MiB arrays (64 MiB) stayed alive after a single 1 GiB STOR. A buffer asked for beyond those is allocated, and
/// dropped when returned to a full pool.
/// </summary>
internal sealed class PartBufferPool
{
    private readonly Lock _lock = new();
    private readonly Stack<byte[]> _free;
    private readonly int _keep;

    public PartBufferPool(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        _keep = keep;
        _free = new Stack<byte[]>(keep);
    }

    /// <summary>Buffers kept for the next upload (tests).</summary>
    internal int Kept
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
    /// (parts grow for very large files) is dropped rather than kept beside the new size.
    /// </summary>
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
