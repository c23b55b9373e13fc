using AspNetFtp.Storage.Azure.Errors;
using Azure.Storage.Blobs.Models;

namespace AspNetFtp.Storage.Azure.FileSystem;

/// <summary>
/// The body of one ranged download, read as it arrives (the SDK resumes a broken body itself); a failure that
/// outlasts its retries becomes an <see cref="Protocol.Abstractions.FtpFileSystemException"/> of kind Unavailable.
/// </summary>
internal sealed class BlobReadStream(BlobDownloadStreamingResult download) : Stream
{
    private readonly Stream _content = download.Content;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return _content.Read(buffer, offset, count);
        }
        catch (Exception ex) when (BlobErrors.IsStoreFailure(ex, CancellationToken.None))
        {
            throw BlobErrors.Translate(ex, "download");
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _content.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (BlobErrors.IsStoreFailure(ex, cancellationToken))
        {
            throw BlobErrors.Translate(ex, "download");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            download.Dispose();
        }

        base.Dispose(disposing);
    }
}
