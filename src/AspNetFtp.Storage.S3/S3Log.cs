using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.S3;

/// <summary>The S3 storage's log messages (event ids 7100-7199). Keys are logged; secrets never are.</summary>
internal static partial class S3Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "S3 multipart upload {UploadId} of '{Key}' could not be aborted; the bucket's lifecycle rule must remove its parts.")]
    public static partial void AbortFailed(ILogger logger, string key, string uploadId, Exception exception);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "S3 upload of '{Key}' failed to complete; it was aborted and the previous object (if any) is unchanged.")]
    public static partial void CompleteFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "S3 upload of '{Key}' keeps the first {Length} bytes of the existing object by {How}.")]
    public static partial void KeepingPrefix(ILogger logger, string key, long length, string how);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "S3 rename of '{From}' to '{To}' copied the object but could not delete the original.")]
    public static partial void RenameDeleteFailed(ILogger logger, string from, string to, Exception exception);
}
