using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>
/// The local disk plus stored checksums, as an object store keeps them: <see cref="Stored"/> answers by path and
/// algorithm, and <see cref="Reads"/> counts the files opened for reading.
/// </summary>
internal sealed class ChecksumKeepingFileSystem(string home) : IFtpFileSystem, IFtpStoredChecksums, IFtpFileSystemFactory
{
    private readonly LocalFileSystem _inner = new(home);
    private int _reads;

    public Dictionary<(string Path, FtpChecksumAlgorithm Algorithm), string> Stored { get; } = [];

    public int Reads => Volatile.Read(ref _reads);

    public FtpFileSystemCapabilities Capabilities => FtpFileSystemCapabilities.None;

    public IFtpFileSystem Create(FtpUser user) => this;

    public ValueTask<string?> GetStoredChecksumAsync(FtpPath path, FtpChecksumAlgorithm algorithm, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Stored.GetValueOrDefault((path.Value, algorithm)));

    public ValueTask<FtpFileInfo?> GetInfoAsync(FtpPath path, CancellationToken cancellationToken) => _inner.GetInfoAsync(path, cancellationToken);

    public IAsyncEnumerable<FtpFileInfo> ListAsync(FtpPath directory, CancellationToken cancellationToken) => _inner.ListAsync(directory, cancellationToken);

    public ValueTask<Stream> OpenReadAsync(FtpPath path, long offset, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return _inner.OpenReadAsync(path, offset, cancellationToken);
    }

    public ValueTask<IFtpUpload> OpenWriteAsync(FtpPath path, FtpWriteMode mode, long offset, CancellationToken cancellationToken) =>
        _inner.OpenWriteAsync(path, mode, offset, cancellationToken);

    public ValueTask DeleteFileAsync(FtpPath path, CancellationToken cancellationToken) => _inner.DeleteFileAsync(path, cancellationToken);

    public ValueTask CreateDirectoryAsync(FtpPath path, CancellationToken cancellationToken) => _inner.CreateDirectoryAsync(path, cancellationToken);

    public ValueTask DeleteDirectoryAsync(FtpPath path, CancellationToken cancellationToken) => _inner.DeleteDirectoryAsync(path, cancellationToken);

    public ValueTask RenameAsync(FtpPath from, FtpPath to, CancellationToken cancellationToken) => _inner.RenameAsync(from, to, cancellationToken);

    public ValueTask SetLastWriteTimeAsync(FtpPath path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) =>
        _inner.SetLastWriteTimeAsync(path, lastWriteTimeUtc, cancellationToken);

    public ValueTask SetModeAsync(FtpPath path, UnixFileMode mode, CancellationToken cancellationToken) => _inner.SetModeAsync(path, mode, cancellationToken);
}
