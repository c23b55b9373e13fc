using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.Azure;

/// <summary>Every log line of the Azure Blob storage, with stable event ids (never a key, a URL with a SAS, or a secret).</summary>
internal static partial class AzureBlobLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "Azure Blob upload aborted: nothing committed; {StagedBlocks} staged block(s) left uncommitted expire on the service.")]
    public static partial void UploadAborted(ILogger logger, int stagedBlocks);
}
