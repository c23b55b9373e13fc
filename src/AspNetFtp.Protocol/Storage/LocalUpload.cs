using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// An upload to a local file, written in place: complete flushes and closes, abort closes and keeps what
/// arrived (pyftpdlib and vsftpd do the same); this is <see cref="FtpUploadMode.Standard"/>, the atomic modes use <see cref="AtomicLocalUpload"/>.
/// </summary>
internal sealed class LocalUpload(FileStream file) : IFtpUpload
{
    private bool _closed;

    public Stream Stream => file;

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await file.FlushAsync(cancellationToken);
        await DisposeAsync();
    }

    public ValueTask AbortAsync(CancellationToken cancellationToken) => DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await file.DisposeAsync();
        }
    }
}
