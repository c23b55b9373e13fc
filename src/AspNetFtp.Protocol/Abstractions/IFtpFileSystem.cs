using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// The storage a session works on. Every path is an already validated and jailed <see cref="FtpPath"/>;
/// errors are reported as <see cref="FtpFileSystemException"/>. Streams need not be seekable.
/// </summary>
public interface IFtpFileSystem
{
    /// <summary>What this file system supports beyond the basics; a verb needing a missing capability gets 502.</summary>
    FtpFileSystemCapabilities Capabilities { get; }

    /// <summary>Information about one entry, or null when it does not exist.</summary>
    ValueTask<FtpFileInfo?> GetInfoAsync(FtpPath path, CancellationToken cancellationToken);

    /// <summary>Streams a directory's entries without loading the whole directory.</summary>
    IAsyncEnumerable<FtpFileInfo> ListAsync(FtpPath directory, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a file for reading at an offset. The engine opens when the command arrives and reads only from
    /// the stream returned (sendfile included), so what the storage checked is what is sent. A storage with
    /// <see cref="FtpFileSystemCapabilities.LocalFiles"/> returns a <see cref="FileStream"/> opened for
    /// asynchronous I/O, which the engine may send with sendfile.
    /// </summary>
    ValueTask<Stream> OpenReadAsync(FtpPath path, long offset, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a file for writing. The engine completes the upload only when the transfer completed and aborts it
    /// otherwise (see <see cref="IFtpUpload"/>).
    /// </summary>
    ValueTask<IFtpUpload> OpenWriteAsync(FtpPath path, FtpWriteMode mode, long offset, CancellationToken cancellationToken);

    /// <summary>Deletes a file (DELE); a symbolic link itself is deleted, not its target.</summary>
    ValueTask DeleteFileAsync(FtpPath path, CancellationToken cancellationToken);

    /// <summary>Creates one directory (MKD); its parent must exist.</summary>
    ValueTask CreateDirectoryAsync(FtpPath path, CancellationToken cancellationToken);

    /// <summary>Removes an empty directory (RMD); one with entries fails with <see cref="FtpFileSystemError.NotEmpty"/>.</summary>
    ValueTask DeleteDirectoryAsync(FtpPath path, CancellationToken cancellationToken);

    /// <summary>Renames or moves an entry (RNFR/RNTO); needs <see cref="FtpFileSystemCapabilities.Rename"/>.</summary>
    ValueTask RenameAsync(FtpPath from, FtpPath to, CancellationToken cancellationToken);

    /// <summary>Sets a file's modification time, in UTC (MFMT); needs <see cref="FtpFileSystemCapabilities.SetModificationTime"/>.</summary>
    ValueTask SetLastWriteTimeAsync(FtpPath path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the permission bits (0777) of an entry. The engine never asks for setuid, setgid or sticky bits,
    /// nor for the root; a storage should refuse both too.
    /// </summary>
    ValueTask SetModeAsync(FtpPath path, UnixFileMode mode, CancellationToken cancellationToken);
}
