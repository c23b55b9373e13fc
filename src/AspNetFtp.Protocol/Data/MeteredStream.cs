using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Bandwidth;
using AspNetFtp.Protocol.Quotas;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// The network side of a limited transfer (plain or TLS): reads and writes go at most at the transfer's rate, and
/// an upload's reads stop with <see cref="FtpFileSystemError.QuotaExceeded"/> before a byte past the user's
/// quota is handed on (each read reserves its bytes in the user's <see cref="QuotaReservation"/> first). A write waits for its tokens first and goes in pieces of at most the bucket's size; a
/// read takes at most that much and pays after it arrived (the bytes are counted exactly, and the client is held
/// back by TCP until the next read). Only a transfer with a rate or a quota is wrapped; the others use the
/// connection's stream as it is.
/// </summary>
internal sealed class MeteredStream(Stream inner, TransferRate? rate, QuotaReservation? quota) : Stream
{

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (rate is not null && buffer.Length > rate.MaxChunk)
        {
            buffer = buffer[..rate.MaxChunk];
        }

        int read = await inner.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            return 0;
        }

        if (quota is not null && !quota.TryReceive(read))
        {
            throw new FtpFileSystemException(FtpFileSystemError.QuotaExceeded, "The upload passed the user's quota.");
        }

        if (rate is not null)
        {
            await rate.WaitAsync(read, cancellationToken);
        }

        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (rate is null)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }

        while (!buffer.IsEmpty)
        {
            int count = Math.Min(buffer.Length, rate.MaxChunk);
            await rate.WaitAsync(count, cancellationToken);
            await inner.WriteAsync(buffer[..count], cancellationToken);
            buffer = buffer[count..];
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
