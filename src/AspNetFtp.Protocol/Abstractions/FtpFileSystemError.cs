namespace AspNetFtp.Protocol.Abstractions;

/// <summary>The kinds of storage failure a reply code can be chosen from.</summary>
public enum FtpFileSystemError
{
    /// <summary>No entry by that name (550).</summary>
    NotFound,

    /// <summary>An entry by that name exists already (550).</summary>
    AlreadyExists,

    /// <summary>The storage refused the operation (550).</summary>
    AccessDenied,
    /// <summary>A directory to remove still has entries (550).</summary>
    NotEmpty,

    /// <summary>A file was expected and the entry is something else, such as a directory or a FIFO (550).</summary>
    NotAFile,

    /// <summary>A directory was expected and the entry is something else (550).</summary>
    NotADirectory,

    /// <summary>The storage does not accept this name (553).</summary>
    InvalidName,

    /// <summary>The storage cannot do this at all (502).</summary>
    NotSupported,

    /// <summary>No space left on the storage (452, RFC 959: insufficient storage space in system).</summary>
    InsufficientStorage,

    /// <summary>The user's quota would be passed (552, RFC 959: exceeded storage allocation).</summary>
    QuotaExceeded,

    /// <summary>The storage is unavailable for now, a transient failure; logged as a warning (451).</summary>
    Unavailable,
}
