using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Session;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Replies;

/// <summary>The one mapping from a storage refusal to its reply (RFC 959 §4.2: 450/451/452/550/553).</summary>
internal static class StorageReplies
{
    public static (int Code, string Text) For(FtpFileSystemError error) => error switch
    {
        FtpFileSystemError.NotFound => (550, "No such file or directory."),
        FtpFileSystemError.AlreadyExists => (550, "File exists."),
        FtpFileSystemError.AccessDenied => (550, "Permission denied."),
        FtpFileSystemError.NotEmpty => (550, "Directory not empty."),
        FtpFileSystemError.NotAFile => (550, "Not a regular file."),
        FtpFileSystemError.NotADirectory => (550, "Not a directory."),
        FtpFileSystemError.InvalidName => (553, "File name not allowed."),
        FtpFileSystemError.NotSupported => (502, "Not supported by this storage."),
        FtpFileSystemError.InsufficientStorage => (452, "Insufficient storage space."),
        FtpFileSystemError.QuotaExceeded => (552, "Storage quota exceeded."),
        _ => (451, "Storage unavailable; try again later."),
    };

    public static ValueTask ReplyAsync(ControlChannel control, ILogger logger, LogThrottle throttle, System.Net.IPAddress remote, FtpFileSystemException exception, string verb)
    {
        FtpLog.StorageError(logger, throttle, remote, exception, verb);
        (int code, string text) = For(exception.Error);
        if (exception.ClientReason is { Length: > 0 } reason)
        {
            text = reason.Length > 200 ? reason[..200] : reason;
        }

        return control.ReplyAsync(code, text);
    }
}
