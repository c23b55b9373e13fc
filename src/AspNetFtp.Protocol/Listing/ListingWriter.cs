using System.Buffers;
using System.Text;
using AspNetFtp.Protocol.Replies;

namespace AspNetFtp.Protocol.Listing;

/// <summary>
/// Writes listing lines (UTF-8, CRLF) to a data connection through one pooled buffer. Every line a data-channel
/// listing sends (LIST, NLST, MLSD) passes here: control characters in names become <c>?</c>
/// (<see cref="ControlCharacters"/>), so a name cannot split into two entries, and each write must finish within
/// the transfer's stall timeout (DataTimeout) or the listing fails with <see cref="TimeoutException"/>.
/// </summary>
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
        line = ControlCharacters.Mask(line);
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
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stall.CancelAfter(_progress.StallTimeout);
            try
            {
                await _stream.WriteAsync(_buffer.AsMemory(0, _used), stall.Token);
            }
            catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("The data connection stalled.");
            }

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
