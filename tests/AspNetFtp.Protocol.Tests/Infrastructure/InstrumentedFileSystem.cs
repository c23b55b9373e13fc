using System.Collections.Concurrent;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>
/// The local file system with fewer capabilities declared (a storage that cannot append, set times…) and
/// every upload's complete/abort recorded, as an object store would see them.
/// </summary>
internal sealed class InstrumentedFileSystem(LocalFileSystem inner, FtpFileSystemCapabilities capabilities, UploadLog uploads) : IFtpFileSystem
{
    public FtpFileSystemCapabilities Capabilities => capabilities;

    public ValueTask<FtpFileInfo?> GetInfoAsync(FtpPath path, CancellationToken cancellationToken) => inner.GetInfoAsync(path, cancellationToken);

    public IAsyncEnumerable<FtpFileInfo> ListAsync(FtpPath directory, CancellationToken cancellationToken) => inner.ListAsync(directory, cancellationToken);

    public ValueTask<Stream> OpenReadAsync(FtpPath path, long offset, CancellationToken cancellationToken) => inner.OpenReadAsync(path, offset, cancellationToken);

    public async ValueTask<IFtpUpload> OpenWriteAsync(FtpPath path, FtpWriteMode mode, long offset, CancellationToken cancellationToken) =>
        new RecordedUpload(path.Value, await inner.OpenWriteAsync(path, mode, offset, cancellationToken), uploads);

    public ValueTask DeleteFileAsync(FtpPath path, CancellationToken cancellationToken) => inner.DeleteFileAsync(path, cancellationToken);

    public ValueTask CreateDirectoryAsync(FtpPath path, CancellationToken cancellationToken) => inner.CreateDirectoryAsync(path, cancellationToken);

    public ValueTask DeleteDirectoryAsync(FtpPath path, CancellationToken cancellationToken) => inner.DeleteDirectoryAsync(path, cancellationToken);

    public ValueTask RenameAsync(FtpPath from, FtpPath to, CancellationToken cancellationToken) => inner.RenameAsync(from, to, cancellationToken);

    public ValueTask SetLastWriteTimeAsync(FtpPath path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) =>
        inner.SetLastWriteTimeAsync(path, lastWriteTimeUtc, cancellationToken);

    public ValueTask SetModeAsync(FtpPath path, UnixFileMode mode, CancellationToken cancellationToken) => inner.SetModeAsync(path, mode, cancellationToken);

    private sealed class RecordedUpload(string path, IFtpUpload inner, UploadLog log) : IFtpUpload
    {
        public Stream Stream => inner.Stream;

        public async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            log.Add($"complete {path}");
            if (log.FailCompleteWith is { } error)
            {
                throw new FtpFileSystemException(error, "The store refused to finish the upload.");
            }

            await inner.CompleteAsync(cancellationToken);
        }

        public async ValueTask AbortAsync(CancellationToken cancellationToken)
        {
            log.Add($"abort {path}");
            await inner.AbortAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>What happened to each upload, in order ("complete /a.txt", "abort /a.txt"), and a fault to inject.</summary>
internal sealed class UploadLog
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    /// <summary>When set, completing an upload fails with this storage error.</summary>
    public FtpFileSystemError? FailCompleteWith { get; set; }

    public void Add(string entry) => _entries.Enqueue(entry);
}

/// <summary>Gives each user an <see cref="InstrumentedFileSystem"/> over their home.</summary>
internal sealed class InstrumentedFileSystemFactory(FtpFileSystemCapabilities capabilities, UploadLog? uploads = null) : IFtpFileSystemFactory
{
    public UploadLog Uploads { get; } = uploads ?? new UploadLog();

    public FtpFileSystemCapabilities Capabilities => capabilities;

    public IFtpFileSystem Create(FtpUser user) => new InstrumentedFileSystem(new LocalFileSystem(user.HomeDirectory), capabilities, Uploads);
}
