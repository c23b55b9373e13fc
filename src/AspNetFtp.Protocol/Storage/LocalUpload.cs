using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// An upload to a local file, written in place: complete flushes and closes, abort closes and keeps what
/// arrived (pyftpdlib and vsftpd do the same); this is <see cref="FtpUploadMode.Standard"/>, the atomic modes use <see cref="AtomicLocalUpload"/>.
/// Discard (quota passed, disk full) cuts the file back to the <paramref name="keptLength"/> it had before the new bytes.
/// </summary>
internal sealed class LocalUpload(FileStream file, long keptLength) : IFtpUpload
{
    private bool _closed;

    public Stream Stream => file;

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await file.FlushAsync(cancellationToken);
        await DisposeAsync();
    }

    public ValueTask AbortAsync(CancellationToken cancellationToken) => DisposeAsync();

    public async ValueTask DiscardAsync(CancellationToken cancellationToken)
    {
        if (!_closed)
        {
            try
            {
                file.SetLength(keptLength);
            }
            finally
            {
                await DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await file.DisposeAsync();
        }
    }
}
