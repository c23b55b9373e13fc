using System.Buffers;
using System.Text;

namespace AspNetFtp.Protocol.Listing;

/// <summary>Writes listing lines (UTF-8, CRLF) to a data connection through one pooled buffer.</summary>
internal sealed class ListingWriter : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly Data.TransferProgress _progress;
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;

    public ListingWriter(Stream stream, Data.TransferProgress progress)
    {
        _stream = stream;
        _progress = progress;
    }

    public async ValueTask WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        int needed = Encoding.UTF8.GetMaxByteCount(line.Length) + 2;
        if (_used + needed > _buffer!.Length)
        {
            await FlushAsync(cancellationToken);
            if (needed > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(needed);
            }
        }

        _used += Encoding.UTF8.GetBytes(line, _buffer.AsSpan(_used));
        _buffer[_used++] = (byte)'\r';
        _buffer[_used++] = (byte)'\n';
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_used > 0)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken);
            _progress.Add(_used);
            _used = 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        return ValueTask.CompletedTask;
    }
}
