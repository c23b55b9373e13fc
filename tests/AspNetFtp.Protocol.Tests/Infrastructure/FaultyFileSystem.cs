using System.Runtime.CompilerServices;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>A storage whose every operation throws the exception <paramref name="fault"/> makes: a broken disk or bucket.</summary>
internal sealed class FaultyFileSystem(Func<Exception> fault) : IFtpFileSystem
{
    public FtpFileSystemCapabilities Capabilities => Declared;

    /// <summary>What every faulty file system claims to support (its factory declares the same).</summary>
    internal const FtpFileSystemCapabilities Declared =
        FtpFileSystemCapabilities.ResumeUpload | FtpFileSystemCapabilities.Append | FtpFileSystemCapabilities.Rename
        | FtpFileSystemCapabilities.SetModificationTime | FtpFileSystemCapabilities.SetMode;

    public ValueTask<FtpFileInfo?> GetInfoAsync(FtpPath path, CancellationToken cancellationToken) => throw fault();

    public async IAsyncEnumerable<FtpFileInfo> ListAsync(FtpPath directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw fault();
#pragma warning disable CS0162 // Unreachable code: an iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }

    public ValueTask<Stream> OpenReadAsync(FtpPath path, long offset, CancellationToken cancellationToken) => throw fault();

    public ValueTask<IFtpUpload> OpenWriteAsync(FtpPath path, FtpWriteMode mode, long offset, CancellationToken cancellationToken) => throw fault();

    public ValueTask DeleteFileAsync(FtpPath path, CancellationToken cancellationToken) => throw fault();

    public ValueTask CreateDirectoryAsync(FtpPath path, CancellationToken cancellationToken) => throw fault();

    public ValueTask DeleteDirectoryAsync(FtpPath path, CancellationToken cancellationToken) => throw fault();

    public ValueTask RenameAsync(FtpPath from, FtpPath to, CancellationToken cancellationToken) => throw fault();

    public ValueTask SetLastWriteTimeAsync(FtpPath path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) => throw fault();

    public ValueTask SetModeAsync(FtpPath path, UnixFileMode mode, CancellationToken cancellationToken) => throw fault();

    public string? GetLocalFilePath(FtpPath path) => null;
}
