using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Storage;

/// <summary>Turns local file-system failures into <see cref="FtpFileSystemException"/> kinds.</summary>
internal static class StorageErrors
{
    public static ValueTask Run(Action action)
    {
        try
        {
            action();
            return ValueTask.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not FtpFileSystemException)
        {
            throw Translate(ex);
        }
    }

    public static ValueTask<T> Run<T>(Func<T> action)
    {
        try
        {
            return ValueTask.FromResult(action());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not FtpFileSystemException)
        {
            throw Translate(ex);
        }
    }

    /// <summary>The storage is full (ENOSPC, EDQUOT, or Windows' disk full): a write failed for want of space, not for the client.</summary>
    public static bool IsNoSpace(IOException ex) =>
        ex.HResult == unchecked((int)0x80070070) || (ex.HResult & 0xFFFF) is LinuxFileCalls.ENOSPC or LinuxFileCalls.EDQUOT;

    public static FtpFileSystemException Translate(Exception ex) => ex switch
    {
        FtpFileSystemException f => f,
        FileNotFoundException or DirectoryNotFoundException => new(FtpFileSystemError.NotFound, "Not found.", ex),
        UnauthorizedAccessException => new(FtpFileSystemError.AccessDenied, "Permission denied.", ex),
        PathTooLongException => new(FtpFileSystemError.InvalidName, "Name too long.", ex), // .NET's form of ENAMETOOLONG
        IOException io when IsNoSpace(io) => new(FtpFileSystemError.InsufficientStorage, "No space left.", ex),
        IOException io when !OperatingSystem.IsWindows() => (io.HResult & 0xFFFF) switch
        {
            LinuxFileCalls.ENOENT or LinuxFileCalls.ENOTDIR => new(FtpFileSystemError.NotFound, "Not found.", ex),
            LinuxFileCalls.EACCES => new(FtpFileSystemError.AccessDenied, "Permission denied.", ex),
            LinuxFileCalls.ELOOP => new(FtpFileSystemError.AccessDenied, "Symbolic link refused.", ex),
            LinuxFileCalls.EEXIST => new(FtpFileSystemError.AlreadyExists, "Already exists.", ex),
            LinuxFileCalls.EISDIR => new(FtpFileSystemError.NotAFile, "Is a directory.", ex),
            LinuxFileCalls.ENXIO => new(FtpFileSystemError.NotAFile, "Not a regular file.", ex),
            LinuxFileCalls.ENAMETOOLONG => new(FtpFileSystemError.InvalidName, "Name too long.", ex),
            _ => new(FtpFileSystemError.Unavailable, "Storage error.", ex),
        },
        _ => new(FtpFileSystemError.Unavailable, "Storage error.", ex),
    };
}
