namespace AspNetFtp.Protocol.Abstractions;

/// <summary>The kinds of storage failure a reply code can be chosen from.</summary>
public enum FtpFileSystemError
{
    NotFound,
    AlreadyExists,
    AccessDenied,
    NotEmpty,
    NotAFile,
    NotADirectory,
    InvalidName,
    NotSupported,
    InsufficientStorage,
    Unavailable,
}
